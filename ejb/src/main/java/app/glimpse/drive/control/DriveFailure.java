package app.glimpse.drive.control;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import java.io.IOException;

/**
 * Drive could not do what was asked, with a reason the photographer can read: the file or folder is
 * gone, the connection was revoked, Drive refused, or kept failing after the retries.
 */
public class DriveFailure extends RuntimeException {

  /** What went wrong, as far as it matters to what Glimpse does next. */
  public enum Kind {
    NOT_FOUND,
    DISCONNECTED,
    REFUSED,
    TOO_LARGE,
    UNAVAILABLE
  }

  private final Kind kind;

  public DriveFailure(Kind kind, String reason, Throwable cause) {
    super(reason, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The failure for {@code error}, met while Glimpse was doing {@code what} ("Listing ..."). */
  static DriveFailure of(String what, IOException error, int attempts) {
    if (error instanceof TokenResponseException token) {
      String code = token.getDetails() == null ? null : token.getDetails().getError();
      if (token.getStatusCode() >= 400 && token.getStatusCode() < 500) {
        return new DriveFailure(
            Kind.DISCONNECTED,
            what
                + ": Google no longer accepts Glimpse's Drive connection"
                + (code == null ? "" : " (" + code + ")")
                + "; connect Drive again.",
            error);
      }
    }
    if (error instanceof HttpResponseException http) {
      int status = http.getStatusCode();
      String reason = reason(error);
      if (status == 404) {
        return new DriveFailure(Kind.NOT_FOUND, what + ": not found in Drive (404).", error);
      }
      if (status == 401) {
        return new DriveFailure(
            Kind.DISCONNECTED,
            what + ": Drive refused the connection (401); connect Drive again.",
            error);
      }
      if (DriveRetry.retryable(error)) {
        return new DriveFailure(
            Kind.UNAVAILABLE,
            what
                + ": Drive answered "
                + status
                + (reason == null ? "" : " " + reason)
                + " "
                + attempts
                + " times; try the import again later.",
            error);
      }
      return new DriveFailure(
          Kind.REFUSED,
          what + ": Drive refused with " + status + (reason == null ? "" : " " + reason) + ".",
          error);
    }
    return new DriveFailure(
        Kind.UNAVAILABLE,
        what + ": Drive could not be reached after " + attempts + " attempts (" + error + ").",
        error);
  }

  /** Drive's reason code ("rateLimitExceeded", "notFound"), if the answer had one. */
  static String reason(IOException error) {
    if (error instanceof GoogleJsonResponseException json && json.getDetails() != null) {
      GoogleJsonError details = json.getDetails();
      if (details.getErrors() != null && !details.getErrors().isEmpty()) {
        return details.getErrors().get(0).getReason();
      }
    }
    return null;
  }
}
