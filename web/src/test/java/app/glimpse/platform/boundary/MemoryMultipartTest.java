package app.glimpse.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.glimpse.platform.ClientError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MemoryMultipartTest {

  private static final String TYPE = "multipart/form-data; boundary=\"XyZ\"";

  @Test
  void readsBinaryPartsAndFields() throws Exception {
    byte[] photo = new byte[3000];
    for (int i = 0; i < photo.length; i++) {
      photo[i] = (byte) i; // includes CR, LF and dashes
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"selfie\"; filename=\"me.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    body.write(photo);
    body.write(
        "\r\n--XyZ\r\nContent-Disposition: form-data; name=face\r\n\r\n 1 \r\n--XyZ--\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));

    MemoryMultipart form =
        MemoryMultipart.read(TYPE, new ByteArrayInputStream(body.toByteArray()), 10_000);

    assertArrayEquals(photo, form.part("selfie"));
    assertEquals("1", form.text("face"));
    assertNull(form.part("other"));
  }

  @Test
  void refusesWhatIsTooLargeOrNotMultipart() {
    byte[] big = new byte[2000];
    ClientError tooLarge =
        assertThrows(
            ClientError.class,
            () -> MemoryMultipart.read(TYPE, new ByteArrayInputStream(big), 1000));
    assertEquals(413, tooLarge.status());
    assertEquals(
        400,
        assertThrows(
                ClientError.class,
                () ->
                    MemoryMultipart.read(
                        "application/json", new ByteArrayInputStream(new byte[0]), 1000))
            .status());
    assertEquals(
        400,
        assertThrows(
                ClientError.class,
                () ->
                    MemoryMultipart.read(
                        TYPE,
                        new ByteArrayInputStream(
                            "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nno end"
                                .getBytes(StandardCharsets.ISO_8859_1)),
                        1000))
            .status());
  }
}
