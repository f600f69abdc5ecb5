package app.glimpse.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few API calls the benchmarks make, with just enough JSON reading for flat answers. */
record BenchApi(LocalGlimpse glimpse, HttpClient http) {

  private static final Pattern NUMBER = Pattern.compile("\"%s\":\\s*\"?([0-9.TZ:-]+)\"?");

  BenchApi(LocalGlimpse glimpse) {
    this(glimpse, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
  }

  String send(String method, String path, String token, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(glimpse.uri(path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json");
    return checked(method, path, request, token);
  }

  /** Posts one file as the multipart part {@code part}. */
  String upload(String path, String token, String part, String fileName, byte[] content)
      throws IOException, InterruptedException {
    String boundary = "glimpse-bench-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + part
                + "\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(glimpse.uri(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary);
    return checked("POST", path, request, token);
  }

  private String checked(String method, String path, HttpRequest.Builder request, String token)
      throws IOException, InterruptedException {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  String field(String json, String name) {
    Matcher matcher = Pattern.compile(String.format(NUMBER.pattern(), name)).matcher(json);
    if (!matcher.find()) {
      Matcher text = Pattern.compile("\"" + name + "\":\\s*\"([^\"]*)\"").matcher(json);
      if (text.find()) {
        return text.group(1);
      }
      throw new IllegalStateException("No " + name + " in " + json);
    }
    return matcher.group(1);
  }
}
