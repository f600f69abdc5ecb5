package app.glimpse.drive.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Google's Drive v3 REST API and OAuth token endpoint, on a loopback port, for the
 * real google-api-services-drive client: {@code GET /drive/v3/about}, {@code GET /drive/v3/files}
 * ({@code 'id' in parents}, pages of at most {@link #pageSize} with {@code nextPageToken}), {@code
 * GET /drive/v3/files/{id}} (metadata) and its content at {@code
 * /download/drive/v3/files/{id}?alt=media} or {@code /drive/v3/files/{id}?alt=media}, and {@code
 * POST /token} (authorization code and refresh token grants). Drive's error bodies, {@code 401}
 * with {@code WWW-Authenticate: Bearer error="invalid_token"} for an unknown or expired access
 * token, and failures queued per file or for the listing ({@link #fail}). Only JDK classes, so that
 * it also runs inside the server of the end-to-end test. Counts what it served.
 */
public final class FakeDrive implements AutoCloseable {

  public static final String FOLDER = "application/vnd.google-apps.folder";
  public static final String LISTING = "files.list";

  private static final Pattern IN_PARENTS = Pattern.compile("'([A-Za-z0-9_-]+)' in parents");

  private final HttpServer server;
  private final String clientId;
  private final String clientSecret;
  private final String email;
  private final Map<String, Item> items = new ConcurrentHashMap<>();
  private final Map<String, String> codes = new ConcurrentHashMap<>();
  private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
  private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> mediaRequests = new ConcurrentHashMap<>();
  private final AtomicInteger listRequests = new AtomicInteger();
  private final AtomicInteger refreshes = new AtomicInteger();
  private final AtomicInteger unauthorized = new AtomicInteger();
  private final AtomicInteger tokenCounter = new AtomicInteger();
  private final Map<String, String> challenges = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile int pageSize = 2;

  private FakeDrive(HttpServer server, String clientId, String clientSecret, String email) {
    this.server = server;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.email = email;
    items.put("root", new Item("root", "My Drive", FOLDER, null, null, Instant.EPOCH));
  }

  /**
   * A fake Drive on {@code port} of the loopback interface (0: any free port), for the OAuth client
   * {@code clientId}/{@code clientSecret} and the Google account {@code email}.
   */
  private volatile String consentCode;

  public static FakeDrive start(int port, String clientId, String clientSecret, String email)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    FakeDrive drive = new FakeDrive(server, clientId, clientSecret, email);
    server.createContext("/", drive::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return drive;
  }

  /** The root URL to give the Drive client ({@code setRootUrl}, GLIMPSE_DRIVE_API_URL). */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** The token endpoint (GLIMPSE_DRIVE_TOKEN_URL). */
  public String tokenUrl() {
    return apiUrl() + "token";
  }

  /** Listing pages hold at most this many items (Drive too may return fewer than asked for). */
  public FakeDrive pageSize(int size) {
    this.pageSize = size;
    return this;
  }

  public FakeDrive folder(String id, String name, String parent) {
    items.put(
        id,
        new Item(
            id,
            name,
            FOLDER,
            parent,
            null,
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
    return this;
  }

  public FakeDrive file(String id, String name, String mimeType, String parent, byte[] content) {
    items.put(
        id,
        new Item(
            id,
            name,
            mimeType,
            parent,
            () -> content,
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
    return this;
  }

  /** A file whose content is read from {@code path} whenever it is served. */
  public FakeDrive file(String id, String name, String mimeType, String parent, Path path) {
    Supplier<byte[]> content =
        () -> {
          try {
            return Files.readAllBytes(path);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    items.put(
        id,
        new Item(
            id,
            name,
            mimeType,
            parent,
            content,
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
    return this;
  }

  public FakeDrive remove(String id) {
    items.remove(id);
    return this;
  }

  /**
   * The next requests for {@code key} (a file id for its metadata and content, or {@link #LISTING})
   * fail with these statuses, one each; {@code reason} goes into Drive's error body.
   */
  public FakeDrive fail(String key, String reason, int... statuses) {
    Deque<Failure> queue = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (queue) {
      for (int status : statuses) {
        queue.add(new Failure(status, reason));
      }
    }
    return this;
  }

  /** Google sends this code to the redirect URI; exchanged, it gives {@code refreshToken}. */
  public FakeDrive authorizationCode(String code, String refreshToken) {
    codes.put(code, refreshToken);
    consentCode = code;
    return this;
  }

  /**
   * The user consents on the page {@code authorizationUrl} (as a browser at {@link
   * #authorizationUrl()} would): the code last registered by {@link #authorizationCode} is given
   * out for that URL's PKCE challenge, which its exchange must then prove. Answers the code.
   */
  public String consent(String authorizationUrl) {
    Map<String, String> query = form(URI.create(authorizationUrl).getRawQuery());
    challenges.put(consentCode, String.valueOf(query.get("code_challenge")));
    return consentCode;
  }

  /**
   * Google's consent page (GLIMPSE_DRIVE_AUTHORIZATION_URL), where the signed-in user consents at
   * once: it sends the browser back to the {@code redirect_uri} with the code last registered by
   * {@link #authorizationCode} and the {@code state} it was given.
   */
  public String authorizationUrl() {
    return apiUrl() + "o/oauth2/v2/auth";
  }

  /** A refresh token the token endpoint accepts, as if the account had connected before. */
  public FakeDrive refreshToken(String refreshToken) {
    refreshTokens.add(refreshToken);
    return this;
  }

  /** The account withdrew Glimpse's access: its refresh tokens stop working. */
  public void revoke(String refreshToken) {
    refreshTokens.remove(refreshToken);
  }

  /** Every access token issued so far expires now. */
  public void expireAccessTokens() {
    accessTokens.clear();
  }

  public int mediaRequests(String fileId) {
    AtomicInteger count = mediaRequests.get(fileId);
    return count == null ? 0 : count.get();
  }

  public int listRequests() {
    return listRequests.get();
  }

  /** Access tokens issued for refresh tokens. */
  public int refreshes() {
    return refreshes.get();
  }

  /** Requests refused with 401 for a missing or expired access token. */
  public int unauthorized() {
    return unauthorized.get();
  }

  public static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
      if (path.equals("/token") && exchange.getRequestMethod().equals("POST")) {
        token(exchange);
        return;
      }
      if (path.equals("/o/oauth2/v2/auth") && consentCode != null) {
        challenges.put(consentCode, String.valueOf(query.get("code_challenge")));
        String back =
            query.get("redirect_uri")
                + "?code="
                + java.net.URLEncoder.encode(consentCode, StandardCharsets.UTF_8)
                + "&state="
                + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth == null
          || !auth.startsWith("Bearer ")
          || !accessTokens.contains(auth.substring(7))) {
        unauthorized.incrementAndGet();
        exchange
            .getResponseHeaders()
            .add(
                "WWW-Authenticate",
                "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
        error(exchange, 401, "authError", "Invalid Credentials");
        return;
      }
      if (path.equals("/drive/v3/about")) {
        json(exchange, 200, "{\"user\":{\"emailAddress\":" + quote(email) + "}}");
      } else if (path.equals("/drive/v3/files")) {
        list(exchange, query);
      } else if (path.startsWith("/drive/v3/files/")
          || path.startsWith("/download/drive/v3/files/")) {
        String id = path.substring(path.lastIndexOf('/') + 1);
        boolean media = "media".equals(query.get("alt"));
        if (media) {
          mediaRequests.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
        if (failed(exchange, id)) {
          return;
        }
        Item item = items.get(id);
        if (item == null) {
          error(exchange, 404, "notFound", "File not found: " + id + ".");
        } else if (media) {
          if (item.content() == null) {
            error(exchange, 403, "fileNotDownloadable", "Only files with binary content.");
            return;
          }
          byte[] content = item.content().get();
          exchange.getResponseHeaders().add("Content-Type", item.mimeType());
          exchange.sendResponseHeaders(200, content.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(content);
          }
        } else {
          json(exchange, 200, item.json());
        }
      } else {
        error(exchange, 404, "notFound", "No such API: " + path);
      }
    } catch (RuntimeException | IOException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
    listRequests.incrementAndGet();
    if (failed(exchange, LISTING)) {
      return;
    }
    String q = query.getOrDefault("q", "");
    Matcher parent = IN_PARENTS.matcher(q);
    if (!parent.find()) {
      error(exchange, 400, "invalid", "Only 'id' in parents queries.");
      return;
    }
    String parentId = parent.group(1);
    if (!items.containsKey(parentId)) {
      error(exchange, 404, "notFound", "File not found: " + parentId + ".");
      return;
    }
    boolean foldersOnly = q.contains("mimeType = '" + FOLDER + "'");
    List<Item> children =
        items.values().stream()
            .filter(item -> parentId.equals(item.parent()))
            .filter(item -> !foldersOnly || FOLDER.equals(item.mimeType()))
            .sorted(Comparator.comparing(Item::name).thenComparing(Item::id))
            .toList();
    int size = Math.min(pageSize, Integer.parseInt(query.getOrDefault("pageSize", "100")));
    String token = query.get("pageToken");
    int start = token == null ? 0 : Integer.parseInt(token.substring(parentId.length() + 1));
    List<String> page = new ArrayList<>();
    for (int i = start; i < Math.min(children.size(), start + size); i++) {
      page.add(children.get(i).json());
    }
    String next =
        start + size < children.size()
            ? ",\"nextPageToken\":" + quote(parentId + "~" + (start + size))
            : "";
    json(
        exchange,
        200,
        "{\"kind\":\"drive#fileList\",\"incompleteSearch\":false"
            + next
            + ",\"files\":["
            + String.join(",", page)
            + "]}");
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if (!clientId.equals(form.get("client_id"))
        || !clientSecret.equals(form.get("client_secret"))) {
      json(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Unauthorized\"}");
      return;
    }
    String grant = form.get("grant_type");
    String refreshToken;
    boolean fresh = false;
    if ("authorization_code".equals(grant)) {
      String code = String.valueOf(form.get("code"));
      refreshToken = codes.remove(code);
      String challenge = challenges.remove(code);
      if (refreshToken == null) {
        json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Bad code\"}");
        return;
      }
      // PKCE (RFC 7636, S256), as Google checks it: the verifier must match the consent's challenge
      if (challenge == null
          || form.get("code_verifier") == null
          || !challenge.equals(s256(form.get("code_verifier")))) {
        json(
            exchange,
            400,
            "{\"error\":\"invalid_grant\",\"error_description\":\"Missing code verifier.\"}");
        return;
      }
      refreshTokens.add(refreshToken);
      fresh = true;
    } else if ("refresh_token".equals(grant) && refreshTokens.contains(form.get("refresh_token"))) {
      refreshToken = form.get("refresh_token");
      refreshes.incrementAndGet();
    } else {
      json(
          exchange,
          400,
          "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}");
      return;
    }
    String access = "access-" + tokenCounter.incrementAndGet();
    accessTokens.add(access);
    json(
        exchange,
        200,
        "{\"access_token\":"
            + quote(access)
            + ",\"expires_in\":3599,\"token_type\":\"Bearer\",\"scope\":"
            + quote("https://www.googleapis.com/auth/drive.readonly")
            + (fresh ? ",\"refresh_token\":" + quote(refreshToken) : "")
            + "}");
  }

  private boolean failed(HttpExchange exchange, String key) throws IOException {
    Deque<Failure> queue = failures.get(key);
    Failure failure = null;
    if (queue != null) {
      synchronized (queue) {
        failure = queue.poll();
      }
    }
    if (failure == null) {
      return false;
    }
    if (failure.status() == 429) {
      exchange.getResponseHeaders().add("Retry-After", "0");
    }
    error(exchange, failure.status(), failure.reason(), "Injected failure " + failure.status());
    return true;
  }

  private static void error(HttpExchange exchange, int status, String reason, String message)
      throws IOException {
    json(
        exchange,
        status,
        "{\"error\":{\"code\":"
            + status
            + ",\"message\":"
            + quote(message)
            + ",\"errors\":[{\"domain\":\"global\",\"reason\":"
            + quote(reason)
            + ",\"message\":"
            + quote(message)
            + "}]}}");
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  private static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private record Failure(int status, String reason) {}

  private record Item(
      String id,
      String name,
      String mimeType,
      String parent,
      Supplier<byte[]> content,
      Instant modified) {

    String json() {
      StringBuilder json =
          new StringBuilder("{\"kind\":\"drive#file\",\"id\":")
              .append(quote(id))
              .append(",\"name\":")
              .append(quote(name))
              .append(",\"mimeType\":")
              .append(quote(mimeType))
              .append(",\"modifiedTime\":")
              .append(quote(modified.toString()))
              .append(",\"trashed\":false");
      if (content != null) {
        byte[] bytes = content.get();
        json.append(",\"md5Checksum\":")
            .append(quote(md5(bytes)))
            .append(",\"size\":")
            .append(quote(Long.toString(bytes.length)));
      }
      return json.append('}').toString();
    }
  }

  private static String s256(String verifier) {
    try {
      return java.util.Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
