package app.glimpse.imports.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EventImportsTest {

  @Test
  void aFailureReasonDoesNotRepeatTheFileName() {
    EventImports page = new EventImports();
    assertEquals(
        "Not a photo",
        page.reasonOf(new Imports.FailedFile("/srv/a/x.jpg", "x.jpg", "x.jpg: not a photo")));
    assertEquals(
        "Cannot be read",
        page.reasonOf(
            new Imports.FailedFile("/srv/a/x.jpg", "x.jpg", "/srv/a/x.jpg: cannot be read")));
    assertEquals(
        "Too large", page.reasonOf(new Imports.FailedFile("/srv/a/x.jpg", "x.jpg", "Too large")));
  }
}
