package app.glimpse.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MemoryMultipartTest {

  private static final String TYPE = "multipart/form-data; boundary=\"XyZ\"";
  private static final java.util.Set<String> SEARCH = java.util.Set.of("selfie", "face");

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
        MemoryMultipart.read(TYPE, new ByteArrayInputStream(body.toByteArray()), 10_000, SEARCH, 4);

    assertArrayEquals(photo, form.part("selfie"));
    assertEquals("1", form.text("face"));
    assertNull(form.part("other"));
  }

  @Test
  void keepsRepeatedPartsInTheirOrder() {
    String body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"selfie\"\r\n\r\none\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"face\"\r\n\r\n0\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"selfie\"\r\n\r\ntwo\r\n--XyZ--\r\n";

    MemoryMultipart form =
        MemoryMultipart.read(
            TYPE,
            new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)),
            10_000,
            SEARCH,
            4);

    assertEquals(
        java.util.List.of("one", "two"),
        form.parts("selfie").stream()
            .map(part -> new String(part, StandardCharsets.ISO_8859_1))
            .toList());
    assertEquals("one", new String(form.part("selfie"), StandardCharsets.ISO_8859_1));
    assertEquals(java.util.List.of(), form.parts("other"));
  }

  @Test
  void streamsLargePartsThroughASmallBuffer() throws Exception {
    java.util.Random random = new java.util.Random(3);
    byte[] first = new byte[1_000_003];
    random.nextBytes(first);
    // a near-delimiter right across where buffers end
    byte[] trap = "\r\n--XyZ".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(trap, 0, first, 65_530, trap.length - 1);
    byte[] second = new byte[70_000];
    random.nextBytes(second);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] file : new byte[][] {first, second}) {
      body.write(
          ("--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.jpg\"\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      body.write(file);
      body.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    body.write("--XyZ--\r\n".getBytes(StandardCharsets.ISO_8859_1));
    MultipartStream stream = MultipartStream.of(TYPE, new ByteArrayInputStream(body.toByteArray()));
    for (byte[] expected : new byte[][] {first, second}) {
      MultipartStream.Part part = stream.next();
      assertEquals("a.jpg", part.fileName());
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      assertEquals(expected.length, stream.copyBody(content, Long.MAX_VALUE, ""));
      assertArrayEquals(expected, content.toByteArray());
    }
    assertNull(stream.next());
  }

  @Test
  void refusesWhatIsTooLargeOrNotMultipart() {
    byte[] big =
        ("--XyZ\r\nContent-Disposition: form-data; name=\"selfie\"\r\n\r\n"
                + "x".repeat(2000)
                + "\r\n--XyZ--\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    ClientError tooLarge =
        assertThrows(
            ClientError.class,
            () -> MemoryMultipart.read(TYPE, new ByteArrayInputStream(big), 1000, SEARCH, 4));
    assertEquals(413, tooLarge.status());
    assertEquals(
        400,
        assertThrows(
                ClientError.class,
                () ->
                    MemoryMultipart.read(
                        "application/json", new ByteArrayInputStream(new byte[0]), 1000, SEARCH, 4))
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
                        1000,
                        java.util.Set.of("a"),
                        4))
            .status());
  }

  @Test
  void partHeadersAndDelimitersCountAgainstTheLimit() {
    // a body of almost nothing but part headers: 200 parts with 2 KB of header and no content
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      body.append("--XyZ\r\nContent-Disposition: form-data; name=\"face\"; filename=\"")
          .append("x".repeat(2000))
          .append("\"\r\n\r\n\r\n");
    }
    body.append("--XyZ--\r\n");
    ClientError refused =
        assertThrows(
            ClientError.class,
            () ->
                MemoryMultipart.read(
                    TYPE,
                    new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.ISO_8859_1)),
                    64 * 1024,
                    SEARCH,
                    1000));
    assertEquals(413, refused.status(), refused.getMessage());
  }

  @Test
  void aLongPreambleCountsToo() {
    String body =
        "x".repeat(5000)
            + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"face\"\r\n\r\n1\r\n--XyZ--\r\n";
    assertEquals(
        413,
        assertThrows(
                ClientError.class,
                () ->
                    MemoryMultipart.read(
                        TYPE,
                        new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)),
                        1000,
                        SEARCH,
                        4))
            .status());
  }

  @Test
  void refusesUnknownAndNamelessPartsAndTooManyParts() {
    for (String headers :
        java.util.List.of(
            "Content-Disposition: form-data; name=\"junk\"",
            "Content-Disposition: form-data",
            "Content-Type: text/plain")) {
      String body =
          "--XyZ\r\n"
              + headers
              + "\r\n\r\nvalue\r\n--XyZ\r\n"
              + "Content-Disposition: form-data; name=\"face\"\r\n\r\n2\r\n--XyZ--\r\n";
      MemoryMultipart form =
          MemoryMultipart.read(
              TYPE,
              new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)),
              10_000,
              SEARCH,
              4);
      // the stray part is read past, never kept: the parts the endpoint takes are still there
      assertEquals("2", form.text("face"), headers);
      assertEquals(null, form.part("junk"), headers);
      ClientError refused = assertThrows(ClientError.class, form::refuseUnknown, headers);
      assertEquals(400, refused.status(), headers);
      assertEquals("unknown_part", refused.error(), headers);
    }
    MemoryMultipart clean =
        MemoryMultipart.read(
            TYPE,
            new ByteArrayInputStream(
                "--XyZ\r\nContent-Disposition: form-data; name=\"face\"\r\n\r\n1\r\n--XyZ--\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1)),
            10_000,
            SEARCH,
            4);
    clean.refuseUnknown();
    String many =
        "--XyZ\r\nContent-Disposition: form-data; name=\"face\"\r\n\r\n1\r\n".repeat(5)
            + "--XyZ--\r\n";
    ClientError tooMany =
        assertThrows(
            ClientError.class,
            () ->
                MemoryMultipart.read(
                    TYPE,
                    new ByteArrayInputStream(many.getBytes(StandardCharsets.ISO_8859_1)),
                    10_000,
                    SEARCH,
                    4));
    assertEquals(400, tooMany.status());
    assertEquals("too_many_parts", tooMany.error());
  }
}
