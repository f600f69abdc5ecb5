package app.glimpse.platform.boundary;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Turns every exception that leaves a resource into {@link ErrorBody}: refusals with their own
 * status and message, invalid input as 400, and anything unexpected as a 500 whose details go to
 * the log only.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable thrown) {
    Throwable cause = unwrap(thrown);
    if (cause instanceof ClientError refusal) {
      return ErrorBody.response(refusal.status(), refusal.error(), refusal.getMessage());
    }
    if (cause instanceof ConstraintViolationException invalid) {
      String message =
          invalid.getConstraintViolations().stream()
              .map(ErrorMapper::describe)
              .sorted()
              .collect(Collectors.joining("; "));
      return ErrorBody.response(400, "invalid_request", message);
    }
    if (cause instanceof IllegalArgumentException invalid) {
      return ErrorBody.response(400, "invalid_request", invalid.getMessage());
    }
    if (cause instanceof JsonbException || cause instanceof ProcessingException) {
      return ErrorBody.response(
          400, "invalid_json", "The request body is not the JSON this call expects.");
    }
    if (cause instanceof EJBAccessException) {
      return ErrorBody.response(403, "forbidden", "You may not do this.");
    }
    if (cause instanceof WebApplicationException web) {
      int status = web.getResponse().getStatus();
      return ErrorBody.response(status, errorCode(status), message(status));
    }
    LOG.log(Level.SEVERE, "Unexpected failure of a request", thrown);
    return ErrorBody.response(
        500, "internal_error", "Something went wrong on our side; it has been logged.");
  }

  private static Throwable unwrap(Throwable thrown) {
    // a refusal anywhere in the chain is the answer, also one raised while JSON-B read the body
    // (RequestLimits: too large)
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ClientError) {
        return t;
      }
    }
    Throwable cause = thrown;
    while ((cause instanceof EJBException
            || cause instanceof ProcessingException && cause.getCause() != null)
        && cause.getCause() != null
        && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describe(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    int dot = path.lastIndexOf('.');
    String field = dot >= 0 ? path.substring(dot + 1) : path;
    return field + " " + violation.getMessage();
  }

  private static String errorCode(int status) {
    return switch (status) {
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      default -> status >= 500 ? "internal_error" : "invalid_request";
    };
  }

  private static String message(int status) {
    return switch (status) {
      case 401 -> "Sign in first: this call needs a bearer token.";
      case 403 -> "You may not do this.";
      case 404 -> "There is nothing at this address.";
      case 405 -> "This address does not take this method.";
      case 406 -> "This call answers only in JSON.";
      case 413 -> "The request is too large.";
      case 415 -> "This call does not take this content type.";
      default -> status >= 500 ? "Something went wrong on our side." : "The request is not valid.";
    };
  }
}
