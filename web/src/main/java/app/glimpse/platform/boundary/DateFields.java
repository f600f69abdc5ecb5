package app.glimpse.platform.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.convert.FacesConverter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The values of the browser's own date fields ({@code <input type="date">} and {@code
 * type="datetime-local"}): they post ISO whatever the phone or desktop shows, take typing and have
 * the device's own picker, which covers no other field. An unreadable value is the field's
 * converter message, never an error page.
 */
public final class DateFields {

  private DateFields() {}

  private static ConverterException unreadable(UIComponent field, String example) {
    Object custom = field == null ? null : field.getAttributes().get("converterMessage");
    return new ConverterException(
        new FacesMessage(
            FacesMessage.SEVERITY_ERROR,
            custom != null ? custom.toString() : "Enter a date such as " + example + ".",
            null));
  }

  /** {@code yyyy-MM-dd}. */
  @FacesConverter("glimpse.localDate")
  public static class Day implements Converter<LocalDate> {

    @Override
    public LocalDate getAsObject(FacesContext context, UIComponent field, String value) {
      if (value == null || value.isBlank()) {
        return null;
      }
      try {
        return LocalDate.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw unreadable(field, "14 June 2031");
      }
    }

    @Override
    public String getAsString(FacesContext context, UIComponent field, LocalDate value) {
      return value == null ? "" : value.toString();
    }
  }

  /** {@code yyyy-MM-ddTHH:mm}, seconds if the browser sends them. */
  @FacesConverter("glimpse.localDateTime")
  public static class Time implements Converter<LocalDateTime> {

    private static final DateTimeFormatter MINUTES =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Override
    public LocalDateTime getAsObject(FacesContext context, UIComponent field, String value) {
      if (value == null || value.isBlank()) {
        return null;
      }
      try {
        return LocalDateTime.parse(value.strip().replace(' ', 'T')).truncatedTo(ChronoUnit.MINUTES);
      } catch (DateTimeParseException e) {
        throw unreadable(field, "14 June 2031, 18:30");
      }
    }

    @Override
    public String getAsString(FacesContext context, UIComponent field, LocalDateTime value) {
      return value == null ? "" : MINUTES.format(value);
    }
  }
}
