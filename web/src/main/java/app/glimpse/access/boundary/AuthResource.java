package app.glimpse.access.boundary;

import app.glimpse.platform.boundary.ClientError;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/v1/auth}: a photographer's API sign-in. {@code POST token} takes e-mail and password
 * and answers a short-lived bearer token with a refresh token; {@code POST refresh} exchanges the
 * refresh token (once) for a new pair; {@code POST sign-out} ends the sign-in.
 */
@Path("auth")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

  @EJB Accounts accounts;
  @Inject ClientAddresses clients;
  @Context HttpServletRequest request;

  @POST
  @Path("token")
  @Operation(
      summary =
          "Sign in: a bearer token for a photographer's e-mail and password, and a refresh token")
  public Token token(@NotNull Credentials credentials) {
    return Token.of(
        accounts.token(credentials.email(), credentials.password(), clients.of(request)));
  }

  @POST
  @Path("refresh")
  @Operation(
      summary =
          "A new bearer token and refresh token for a refresh token, which is used up; a used one"
              + " presented again ends the sign-in")
  public Token refresh(@NotNull Refresh refresh) {
    return accounts
        .refresh(refresh.refreshToken())
        .map(Token::of)
        .orElseThrow(
            () -> ClientError.unauthorized("The refresh token is not valid. Sign in again."));
  }

  @POST
  @Path("sign-out")
  @Operation(summary = "End the sign-in of a refresh token: it and its successors stop working")
  public Response signOut(@NotNull Refresh refresh) {
    accounts.signOut(refresh.refreshToken());
    return Response.noContent().build();
  }

  /** The sign-in request. */
  public record Credentials(String email, String password) {}

  /** The refresh and sign-out request. */
  public record Refresh(String refreshToken) {}

  /**
   * The bearer token to send as {@code Authorization: Bearer ...} until {@code expiresAt}, and the
   * refresh token that gets the next one until {@code refreshExpiresAt}.
   */
  public record Token(
      String token, Instant expiresAt, String refreshToken, Instant refreshExpiresAt) {

    static Token of(Accounts.SignIn signIn) {
      return new Token(
          signIn.access().value(),
          signIn.access().expiresAt(),
          signIn.refresh().value(),
          signIn.refresh().expiresAt());
    }
  }
}
