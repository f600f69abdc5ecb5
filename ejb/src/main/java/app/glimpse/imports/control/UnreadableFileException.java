package app.glimpse.imports.control;

/** A file of a source could not be read, for a reason the photographer can read. */
public class UnreadableFileException extends Exception {

  public UnreadableFileException(String reason) {
    super(reason);
  }
}
