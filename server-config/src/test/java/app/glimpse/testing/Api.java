package app.glimpse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client of a running Glimpse over HTTP, as the tests use it: JSON calls with an optional
 * bearer token, multipart uploads, and pages with the cookies of its own browser session (so two
 * {@code Api}s are two visitors). HTTP/1.1 only: on a cleartext HTTP/2 connection (the JDK client
 * upgrades to h2c by default) Payara's listener leaves the client hanging when it answers before
 * reading the body, as it does for a missing token. Browsers use HTTP/2 only over TLS.
 */
public final class Api {

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

  private final Function<String, URI> uri;
  private final HttpClient http;
  private final CookieManager cookies = new CookieManager();

  /** A client of the server whose URIs {@code uri} makes from paths, keeping its cookies. */
  public Api(Function<String, URI> uri) {
    this(uri, true);
  }

  private Api(Function<String, URI> uri, boolean cookies) {
    this.uri = uri;
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (cookies) {
      http.cookieHandler(this.cookies);
    }
    this.http = http.build();
  }

  /** A client that keeps no cookies: every call stands alone, as an API client's. */
  public static Api withoutCookies(Function<String, URI> uri) {
    return new Api(uri, false);
  }

  /** A JSON call; {@code json} and {@code token} may be null. */
  public HttpResponse<String> send(String method, String path, String token, String json)
      throws IOException, InterruptedException {
    return send(method, path, token, json, Map.of());
  }

  /** A JSON call with further request headers. */
  public HttpResponse<String> send(
      String method, String path, String token, String json, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri.apply(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    request.header("Accept", "application/json");
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts {@code files} (name to content) as multipart parts named {@code part}. */
  public HttpResponse<String> multipart(
      String path,
      String token,
      Map<String, String> headers,
      String part,
      Map<String, byte[]> files)
      throws IOException, InterruptedException {
    String boundary = "glimpse-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + part
                  + "\"; filename=\""
                  + file.getKey()
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file.getValue());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri.apply(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A GET whose body is kept as bytes (images, downloads), with this visitor's cookies, an optional
   * bearer {@code token} and further request headers.
   */
  public HttpResponse<byte[]> bytes(String path, String token, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri.apply(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A call sending {@code body} as it is, of {@code contentType}, answered as text. */
  public HttpResponse<String> sendBytes(
      String method, String path, String token, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri.apply(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .header("Accept", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The value of this visitor's cookie {@code name}, if it holds one. */
  public java.util.Optional<String> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals(name))
        .map(java.net.HttpCookie::getValue)
        .findFirst();
  }

  /** A page, with this visitor's cookies. */
  public HttpResponse<String> page(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri.apply(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Submits the JSF form {@code formId} of the page at {@code path} as its button {@code button}
   * does (without Ajax), with {@code fields} (ids inside the form to values).
   */
  public HttpResponse<String> submit(
      String path, String formId, String button, Map<String, String> fields)
      throws IOException, InterruptedException {
    String page = page(path).body();
    Matcher state = VIEW_STATE.matcher(page);
    Matcher action =
        Pattern.compile("<form id=\"" + Pattern.quote(formId) + "\"[^>]*action=\"([^\"]+)\"")
            .matcher(page);
    if (!state.find() || !action.find()) {
      throw new IllegalStateException("No form " + formId + " on " + path + ":\n" + page);
    }
    StringBuilder form = new StringBuilder();
    form.append(formId).append('=').append(formId);
    form.append('&').append(encode(formId + ":" + button)).append('=');
    for (Map.Entry<String, String> field : fields.entrySet()) {
      form.append('&')
          .append(encode(formId + ":" + field.getKey()))
          .append('=')
          .append(encode(field.getValue()));
    }
    form.append("&jakarta.faces.ViewState=").append(encode(state.group(1).replace("&amp;", "&")));
    return http.send(
        HttpRequest.newBuilder(uri.apply(action.group(1).replace("&amp;", "&")))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The response's JSON object, after checking its status. */
  public static JsonObject object(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    return (JsonObject) parse(response.body());
  }

  /** The response's JSON array, after checking it is a 200. */
  public static JsonArray array(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    return (JsonArray) parse(response.body());
  }

  private static JsonStructure parse(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.read();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
