package app.glimpse.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class EventCardTest {

  private static final EventView EVENT =
      new EventView(
          7,
          "Anna & Ben <3",
          LocalDate.of(2026, 6, 13),
          "anna-ben-x7k2",
          true,
          null,
          true,
          120,
          Instant.parse("2026-06-01T10:00:00Z"),
          false,
          null,
          null);

  @Test
  void cardNamesTheEventTheLinkTheCodeAndTheStudioWithOneQrCode() throws Exception {
    String page =
        EventCard.page(
            "/ctx",
            EVENT,
            "https://photos.example/g/anna-ben-x7k2",
            "KX-4471",
            "Studio Nord",
            false);
    assertTrue(page.contains("<h1 id=\"cardTitle\">Anna &amp; Ben &lt;3</h1>"), page);
    assertTrue(page.contains("13 June 2026"));
    assertTrue(page.contains(">photos.example/g/anna-ben-x7k2<"), "the link without its scheme");
    assertTrue(page.contains("<strong id=\"cardCode\">KX-4471</strong>"));
    assertTrue(page.contains("Photos by Studio Nord"));
    assertTrue(page.contains("Find me"));
    assertTrue(page.contains("@page{size:105mm 148mm"), "A6");
    assertTrue(page.contains("href=\"/ctx/studio/events/7/card?size=a4\""), "to the poster");
    Matcher images =
        Pattern.compile("<img [^>]*src=\"data:image/png;base64,([^\"]+)\"").matcher(page);
    assertTrue(images.find(), "the QR code is in the page");
    var qr = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(1))));
    assertTrue(qr.getWidth() >= 250, "large enough to print sharp: " + qr.getWidth());
    assertFalse(images.find(), "one image");
  }

  @Test
  void posterIsA4AndACardWithoutAKeptCodeSaysWhomToAsk() {
    String poster =
        EventCard.page("", EVENT, "http://localhost:8080/g/anna-ben-x7k2", null, null, true);
    assertTrue(poster.contains("@page{size:A4"));
    assertTrue(poster.contains("Ask the photographer for the code"));
    assertTrue(poster.contains("Photos by your photographer"));
    assertEquals(-1, poster.indexOf("null"), "nothing unknown printed as null");
  }
}
