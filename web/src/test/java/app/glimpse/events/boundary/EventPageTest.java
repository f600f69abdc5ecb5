package app.glimpse.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EventPageTest {

  @Test
  void theCodeLengthIsTheServers() {
    EventPage page = new EventPage();
    assertEquals(true, page.getCodeMinLength() >= 4);
    assertEquals(64, page.getCodeMaxLength());
  }
}
