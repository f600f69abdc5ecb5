package app.glimpse.platform.boundary;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The JSON API under {@code /api/v1}, secured with JWT bearer tokens that Glimpse issues itself
 * (photographers from {@code POST /auth/token}, guests from {@code POST /guest/sessions}).
 * Documented at {@code /openapi}. The tokens are verified by the application's one authentication
 * mechanism, {@code access.boundary.GlimpseAuthentication}, not by MicroProfile JWT's
 * {@code @LoginConfig}: that would install a mechanism for the whole application and leave none for
 * the portal's sign-in.
 */
@ApplicationScoped
@ApplicationPath("api/v1")
@DeclareRoles({"owner", "photographer", "guest"})
@OpenAPIDefinition(
    info =
        @Info(
            title = "Glimpse API",
            version = "1",
            description = "Events, imports, photos and selfie search of a Glimpse installation."))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public class GlimpseApi extends Application {}
