package app.glimpse.platform.boundary;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Invalid request parameters and bodies, in the API's error shape. A mapper of its own because the
 * JAX-RS runtime brings one for validation errors that would otherwise win over {@link
 * ErrorMapper}.
 */
@Provider
public class InvalidRequestMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException invalid) {
    return new ErrorMapper().toResponse(invalid);
  }
}
