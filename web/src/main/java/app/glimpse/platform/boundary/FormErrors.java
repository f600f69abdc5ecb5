package app.glimpse.platform.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.Iterator;

/**
 * No form input gives an error page: a value that a boundary refuses (a Bean Validation constraint
 * of its parameters, or a client error it throws that the page does not catch) becomes a message on
 * the page, which stays as it was. Every other exception goes on to the error page as before, so
 * real bugs still show. Registered in faces-config.xml.
 */
public class FormErrors extends ExceptionHandlerWrapper {

  public FormErrors(ExceptionHandler wrapped) {
    super(wrapped);
  }

  @Override
  public void handle() {
    FacesContext faces = FacesContext.getCurrentInstance();
    Iterator<ExceptionQueuedEvent> queued = getUnhandledExceptionQueuedEvents().iterator();
    while (queued.hasNext()) {
      Throwable thrown = queued.next().getContext().getException();
      if (faces != null && refusedInput(faces, thrown)) {
        queued.remove();
        faces.validationFailed();
        faces.renderResponse();
      }
    }
    getWrapped().handle();
  }

  /** Adds the messages of a refused input, if {@code thrown} is one. */
  private static boolean refusedInput(FacesContext faces, Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConstraintViolationException violations) {
        for (ConstraintViolation<?> violation : violations.getConstraintViolations()) {
          faces.addMessage(
              null,
              new FacesMessage(
                  FacesMessage.SEVERITY_ERROR,
                  "This value is not accepted: " + violation.getMessage() + ".",
                  null));
        }
        return true;
      }
      if (cause instanceof ClientError refused && refused.status() < 500) {
        faces.addMessage(
            null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage(), null));
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** The factory faces-config.xml names. */
  public static class Factory extends ExceptionHandlerFactory {

    public Factory(ExceptionHandlerFactory wrapped) {
      super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
      return new FormErrors(getWrapped().getExceptionHandler());
    }
  }
}
