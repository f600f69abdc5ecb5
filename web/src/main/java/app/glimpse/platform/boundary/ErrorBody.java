package app.glimpse.platform.boundary;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The one error shape of the API: {@code {"error","message"}}, never a stack trace. */
public record ErrorBody(String error, String message) {

  public static Response response(int status, String error, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(error, message))
        .build();
  }
}
