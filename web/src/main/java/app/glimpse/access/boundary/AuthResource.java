package app.glimpse.access.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code POST /api/v1/auth/token}: a photographer's bearer token for e-mail and password. */
@Path("auth")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

  @EJB Accounts accounts;

  @POST
  @Path("token")
  @Operation(summary = "Sign in: a bearer token for a photographer's e-mail and password")
  public Token token(@NotNull Credentials credentials) {
    return new Token(accounts.token(credentials.email(), credentials.password()));
  }

  /** The sign-in request. */
  public record Credentials(String email, String password) {}

  /** The bearer token to send as {@code Authorization: Bearer ...}. */
  public record Token(String token) {}
}
