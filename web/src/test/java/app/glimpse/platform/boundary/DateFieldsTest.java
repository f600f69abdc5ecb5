package app.glimpse.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.faces.convert.ConverterException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DateFieldsTest {

  @Test
  void readsWhatTheBrowsersDateFieldsPost() {
    jakarta.faces.component.UIComponent field = null;
    assertEquals(
        LocalDate.of(2031, 6, 14), new DateFields.Day().getAsObject(null, field, "2031-06-14"));
    assertNull(new DateFields.Day().getAsObject(null, field, " "));
    assertEquals(
        LocalDateTime.of(2031, 6, 14, 18, 30),
        new DateFields.Time().getAsObject(null, field, "2031-06-14T18:30"));
    assertEquals(
        LocalDateTime.of(2031, 6, 14, 18, 30),
        new DateFields.Time().getAsObject(null, field, "2031-06-14T18:30:59"));
    assertEquals(
        "2031-06-14T18:30",
        new DateFields.Time().getAsString(null, field, LocalDateTime.of(2031, 6, 14, 18, 30, 5)));
  }

  @Test
  void anUnreadableDateIsTheFieldsMessage() {
    ConverterException refused =
        assertThrows(
            ConverterException.class, () -> new DateFields.Day().getAsObject(null, null, "14/6"));
    assertEquals("Enter a date such as 14 June 2031.", refused.getFacesMessage().getSummary());
  }

  @Test
  void datesReadAsWords() {
    assertEquals("14 June 2031", new Dates().day(LocalDate.of(2031, 6, 14)));
    assertEquals("14 June 2031, 18:30", Dates.time(LocalDateTime.of(2031, 6, 14, 18, 30)));
  }
}
