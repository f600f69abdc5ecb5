package app.glimpse.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.glimpse.imports.boundary.Imports;
import org.junit.jupiter.api.Test;

class EventPageTest {

  @Test
  void aFailureReasonDoesNotRepeatTheFileName() {
    EventPage page = new EventPage();
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

  @Test
  void theCodeLengthIsTheServers() {
    EventPage page = new EventPage();
    assertEquals(true, page.getCodeMinLength() >= 4);
    assertEquals(64, page.getCodeMaxLength());
  }
}
