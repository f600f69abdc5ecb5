package app.glimpse.delivery.boundary;

import app.glimpse.delivery.entity.DownloadRule;
import app.glimpse.delivery.entity.Watermark;
import app.glimpse.delivery.entity.WatermarkPosition;
import app.glimpse.platform.boundary.ClientError;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * The JSON of {@code /api/v1/events/{id}/delivery}, read field by field so that every refusal names
 * its field ({@code "error":"invalid_<field>"}, the message starting with its path). Fractions
 * ({@code size}, {@code opacity}) are 0.05 to 1 in JSON and whole percent inside.
 */
final class DeliveryJson {

  private static final Set<String> FIELDS =
      Set.of("downloads", "watermark", "watermarkDownloads", "downloadPin");
  private static final Set<String> MARK_FIELDS =
      Set.of("text", "logo", "position", "size", "opacity");

  private DeliveryJson() {}

  static DeliveryChange read(JsonObject body) {
    if (body == null) {
      throw invalid("body", "send the settings as a JSON object.");
    }
    for (String key : body.keySet()) {
      if (!FIELDS.contains(key)) {
        throw invalid(key, "not a field of the delivery settings " + FIELDS + ".");
      }
    }
    DownloadRule downloads =
        body.get("downloads") instanceof JsonString rule
            ? DownloadRule.ofJson(rule.getString())
                .orElseThrow(() -> invalid("downloads", "one of original, web, none."))
            : null;
    if (downloads == null) {
      throw invalid("downloads", "one of original, web, none.");
    }
    Watermark mark = watermark(body.get("watermark"));
    JsonValue flag = body.get("watermarkDownloads");
    boolean watermarkDownloads;
    if (flag == null || flag == JsonValue.NULL || flag == JsonValue.FALSE) {
      watermarkDownloads = false;
    } else if (flag == JsonValue.TRUE) {
      watermarkDownloads = true;
    } else {
      throw invalid("watermarkDownloads", "true or false.");
    }
    JsonValue pin = body.get("downloadPin");
    if (pin == null || pin == JsonValue.NULL || pin == JsonValue.FALSE) {
      return new DeliveryChange(downloads, mark, watermarkDownloads, null, false);
    }
    if (pin == JsonValue.TRUE) {
      return new DeliveryChange(downloads, mark, watermarkDownloads, null, true);
    }
    if (pin instanceof JsonString text) {
      return new DeliveryChange(downloads, mark, watermarkDownloads, text.getString(), false);
    }
    throw invalid(
        "downloadPin", "a new PIN as a string, true to keep the current one, or null for none.");
  }

  private static Watermark watermark(JsonValue value) {
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonObject mark)) {
      throw invalid("watermark", "an object {text or logo, position, size, opacity}, or null.");
    }
    for (String key : mark.keySet()) {
      if (!MARK_FIELDS.contains(key)) {
        throw invalid("watermark." + key, "not a field of a watermark " + MARK_FIELDS + ".");
      }
    }
    String text = null;
    if (mark.containsKey("text") && mark.get("text") != JsonValue.NULL) {
      if (!(mark.get("text") instanceof JsonString s)
          || s.getString().isBlank()
          || s.getString().strip().length() > Watermark.MAX_TEXT) {
        throw invalid("watermark.text", "1 to " + Watermark.MAX_TEXT + " characters.");
      }
      text = s.getString();
    }
    JsonValue logoValue = mark.get("logo");
    if (logoValue != null
        && logoValue != JsonValue.NULL
        && logoValue != JsonValue.TRUE
        && logoValue != JsonValue.FALSE) {
      throw invalid("watermark.logo", "true (the studio's logo) or false.");
    }
    boolean logo = logoValue == JsonValue.TRUE;
    if (logo == (text != null)) {
      throw invalid(
          "watermark.text",
          "a watermark is either a text or the logo (\"logo\":true), one of them.");
    }
    WatermarkPosition position =
        mark.get("position") instanceof JsonString p
            ? WatermarkPosition.ofJson(p.getString()).orElse(null)
            : null;
    if (position == null) {
      throw invalid(
          "watermark.position", "one of center, top-left, top-right, bottom-left, bottom-right.");
    }
    int size = percent(mark, "size", Watermark.DEFAULT_SIZE);
    int opacity = percent(mark, "opacity", -1);
    return new Watermark(text, logo, position, size, opacity);
  }

  private static int percent(JsonObject mark, String field, int fallback) {
    JsonValue value = mark.get(field);
    if ((value == null || value == JsonValue.NULL) && fallback > 0) {
      return fallback;
    }
    if (!(value instanceof JsonNumber number)
        || number.doubleValue() < 0.05
        || number.doubleValue() > 1.0) {
      throw invalid("watermark." + field, "a number from 0.05 to 1.");
    }
    return (int) Math.round(number.doubleValue() * 100);
  }

  static JsonObject write(DeliverySettings settings) {
    JsonObjectBuilder json =
        Json.createObjectBuilder().add("downloads", settings.downloads().json());
    Watermark mark = settings.watermark();
    if (mark == null) {
      json.addNull("watermark");
    } else {
      JsonObjectBuilder m = Json.createObjectBuilder();
      if (mark.logo()) {
        m.add("logo", true);
      } else {
        m.add("text", mark.text());
      }
      m.add("position", mark.position().json())
          .add("size", mark.size() / 100.0)
          .add("opacity", mark.opacity() / 100.0);
      json.add("watermark", m);
    }
    return json.add("watermarkDownloads", settings.watermarkDownloads())
        .add("downloadPin", settings.downloadPin())
        .add("watermarkGeneration", settings.watermarkGeneration())
        .add("rendered", settings.rendered())
        .build();
  }

  private static ClientError invalid(String field, String what) {
    return ClientError.badRequest(
        "invalid_" + field.replace('.', '_').replaceAll("([A-Z])", "_$1").toLowerCase(),
        field + ": " + what);
  }
}
