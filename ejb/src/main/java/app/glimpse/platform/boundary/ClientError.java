package app.glimpse.platform.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A request that Glimpse refuses for a reason the caller can fix or must be told: not found,
 * invalid, conflicting. Boundaries throw it; the REST layer turns it into {@code
 * {"error","message"}} with {@link #status()}. It rolls back the transaction it ends.
 */
@ApplicationException(rollback = true)
public class ClientError extends RuntimeException {

  private final int status;
  private final String error;

  public ClientError(int status, String error, String message) {
    super(message);
    this.status = status;
    this.error = error;
  }

  public static ClientError badRequest(String error, String message) {
    return new ClientError(400, error, message);
  }

  public static ClientError unauthorized(String message) {
    return new ClientError(401, "unauthorized", message);
  }

  public static ClientError notFound(String what) {
    return new ClientError(404, "not_found", "No such " + what + ".");
  }

  public static ClientError conflict(String error, String message) {
    return new ClientError(409, error, message);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }
}
