package app.glimpse.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.glimpse.launcher.EmbeddedBroker;
import app.glimpse.launcher.EmbeddedDatabase;
import app.glimpse.launcher.ServerResources;
import app.glimpse.testing.Api;
import app.glimpse.testing.GlimpseClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The EAR on a full Payara Server 6: a fresh domain on free ports (never the defaults 4848, 8080,
 * ..., which a developer's Glimpse may use), the JVM-wide libraries in the domain's {@code lib/},
 * the server resources of {@code server-config} run with {@code asadmin multimode}, embedded
 * PostgreSQL and Artemis as for {@code ./glimpse run}, then the EAR is deployed and must become
 * ready, issue a token, import a server folder of labelled photos through its batch job and JMS
 * consumer, and find a guest's photos by a selfie that is not among them. Domain, broker and
 * database are stopped afterwards in every case.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(PayaraServerEarIT.FailureLog.class)
class PayaraServerEarIT {

  private static final String DOMAIN = "glimpse-it";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration ASADMIN_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(4);
  private static final String GALLERY_CODE = "ear-246800";
  private static final String ADMIN_EMAIL = "admin@glimpse.test";
  private static final String ADMIN_PASSWORD =
      "it-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));

  /** The offsets from the port base that {@code create-domain --portbase} assigns. */
  private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private static final long STARTED = System.nanoTime();
  private static Path payaraHome;
  private static Path work;
  private static Path domainDir;
  private static Path photos;
  private static int adminPort;
  private static int httpPort;
  private static boolean domainStarted;
  private static EmbeddedDatabase database;
  private static EmbeddedBroker broker;
  private static volatile boolean failed;
  private static int asadminRuns;

  @BeforeAll
  static void deployOnPayaraServer() throws Exception {
    try {
      payaraHome = existing("glimpse.payara.home");
      Path ear = existing("glimpse.ear");
      Path dist = existing("glimpse.dist");
      Path rar = existingFile(dist.resolve("artemis-ra.rar"));
      Path addlibs = existingFile(dist.resolve("addlibs"));
      work =
          Files.createDirectories(
                  Path.of(System.getProperty("glimpse.it.work", "target/payara-it")))
              .resolve("run-" + System.currentTimeMillis())
              .toAbsolutePath();
      domainDir = Files.createDirectories(work.resolve("domains"));
      Path dataDir = Files.createDirectories(work.resolve("data"));
      photos = Files.createDirectories(work.resolve("photos"));

      // PostgreSQL and Artemis boot while the domain is created and started.
      int databasePort = freePort();
      int brokerPort = freePort();
      CompletableFuture<EmbeddedDatabase> startingDatabase =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return EmbeddedDatabase.start(work.resolve("postgres"), databasePort);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      CompletableFuture<EmbeddedBroker> startingBroker =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return EmbeddedBroker.start(work.resolve("broker"), brokerPort);
                } catch (Exception e) {
                  throw new IllegalStateException("Artemis did not start", e);
                }
              });

      int portBase = freePortBase();
      adminPort = portBase + 48;
      httpPort = portBase + 80;
      asadmin(
          "--user",
          "admin",
          "create-domain",
          "--nopassword",
          "--portbase",
          Integer.toString(portBase),
          "--domaindir",
          domainDir.toString(),
          DOMAIN);
      // JVM-wide libraries (JDBC driver, face engine with ONNX Runtime and OpenCV): the common
      // class
      // loader loads the domain's lib/ once per JVM, so native code loads exactly once.
      try (Stream<Path> jars = Files.list(addlibs)) {
        for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
          Files.copy(jar, domainDir.resolve(DOMAIN).resolve("lib").resolve(jar.getFileName()));
        }
      }
      asadmin("start-domain", "--domaindir", domainDir.toString(), DOMAIN);
      domainStarted = true;
      log("domain %s started: admin port %d, http port %d", DOMAIN, adminPort, httpPort);

      try {
        database = startingDatabase.join();
      } finally {
        broker = startingBroker.join();
      }
      log("PostgreSQL on %d, Artemis on %d", databasePort, brokerPort);

      Path commands = work.resolve("glimpse-server.asadmin");
      Files.writeString(
          commands,
          settingsCommand(
                  Map.of(
                      "glimpse.data.dir",
                      dataDir.toString(),
                      "glimpse.admin.email",
                      ADMIN_EMAIL,
                      "glimpse.admin.password",
                      ADMIN_PASSWORD,
                      "glimpse.import.roots",
                      photos.toString()))
              + "\n"
              + forAsadminCli(
                  ServerResources.render(
                      ServerResources.Target.embedded(database.jdbcUrl(), brokerPort, rar))),
          StandardCharsets.UTF_8);
      remoteAsadmin("multimode", "--file", commands.toString());
      log("server resources created");

      remoteAsadmin("deploy", "--name", "glimpse", ear.toString());
      log("%s deployed", ear.getFileName());
    } catch (Throwable e) {
      failed = true;
      throw e;
    }
  }

  @AfterAll
  static void stopEverything() {
    if (failed) {
      printServerLogTail();
    }
    if (domainStarted) {
      try {
        asadmin("stop-domain", "--domaindir", domainDir.toString(), DOMAIN);
      } catch (Exception e) {
        log("stop-domain failed (%s); killing the domain", e.getMessage());
        try {
          asadmin("stop-domain", "--kill", "true", "--domaindir", domainDir.toString(), DOMAIN);
        } catch (Exception again) {
          log("stop-domain --kill failed too: %s", again.getMessage());
        }
      }
    }
    try {
      if (broker != null) {
        broker.close();
      }
    } catch (Exception e) {
      log("stopping Artemis failed: %s", e);
    }
    try {
      if (database != null) {
        database.close();
      }
    } catch (Exception e) {
      log("stopping PostgreSQL failed: %s", e);
    }
    if (!failed && work != null) {
      deleteTree(work);
    }
    log("done");
  }

  @Test
  @Order(1)
  void readyWithDatabaseBrokerAndFaceModelsUp() throws Exception {
    HttpRequest ready =
        HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(10)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpResponse<String> response = null;
    int attempts = 0;
    while (System.nanoTime() < deadline) {
      try {
        response = HTTP.send(ready, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        assertTrue(serverAlive(), "the server process died; see " + work);
        if (attempts % 20 == 0) {
          log("/health/ready not answering yet: %s", notYet);
        }
      }
      attempts++;
      Thread.sleep(500);
    }
    assertTrue(response != null, "/health/ready never answered within " + READY_TIMEOUT);
    assertEquals(200, response.statusCode(), "/health/ready: " + response.body());
    log("ready: %s", response.body());

    JsonObject health = json(response.body());
    assertEquals("UP", health.getString("status"), response.body());
    Map<String, String> checks = new TreeMap<>();
    for (JsonValue check : health.getJsonArray("checks")) {
      checks.put(check.asJsonObject().getString("name"), check.asJsonObject().getString("status"));
    }
    for (String name : Set.of("database", "broker", "face-models")) {
      assertEquals("UP", checks.get(name), name + " in " + response.body());
    }
  }

  @Test
  @Order(2)
  void issuesATokenForTheAdminAndAcceptsIt() throws Exception {
    String credentials =
        Json.createObjectBuilder()
            .add("email", ADMIN_EMAIL)
            .add("password", ADMIN_PASSWORD)
            .build()
            .toString();
    HttpResponse<String> issued =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/v1/auth/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, issued.statusCode(), "POST /api/v1/auth/token: " + issued.body());
    String token = json(issued.body()).getString("token");
    assertEquals(3, token.split("\\.").length, "a JWT: " + token);

    HttpResponse<String> events =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/v1/events"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, events.statusCode(), "GET /api/v1/events with the token: " + events.body());

    HttpResponse<String> anonymous =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/v1/events")).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode(), "GET /api/v1/events without a token");
  }

  @Test
  @Order(3)
  void importsAFolderAndFindsAGuestBySelfie() throws Exception {
    // Three people of the labelled deepface photos; the selfie is one of df00's, not imported.
    Path shared = existing("glimpse.shared").resolve("photos/deepface");
    Map<String, List<String>> people = new TreeMap<>();
    for (String line : Files.readAllLines(shared.resolve("identities.tsv"))) {
      String[] cells = line.split("\t");
      if (cells.length == 2 && Set.of("df00", "df01", "df02").contains(cells[0])) {
        people.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(cells[1]);
      }
    }
    String selfieFile = people.get("df00").get(0);
    Path event = Files.createDirectories(photos.resolve("wedding"));
    Set<String> imported = new TreeSet<>();
    for (List<String> files : people.values()) {
      for (String file : files) {
        if (!file.equals(selfieFile)) {
          Files.copy(shared.resolve(file), event.resolve(file));
          imported.add(file);
        }
      }
    }
    Set<String> guestsPhotos = new TreeSet<>(people.get("df00"));
    guestsPhotos.remove(selfieFile);

    GlimpseClient photographer =
        GlimpseClient.signIn(PayaraServerEarIT::uri, ADMIN_EMAIL, ADMIN_PASSWORD);
    long eventId = photographer.createEvent("Wedding on Payara Server");
    long run = photographer.importFolder(eventId, event);
    JsonObject status = photographer.awaitFinished(run, IMPORT_TIMEOUT);
    log("import: %s", status);
    assertEquals("COMPLETED", status.getString("status"), status.toString());
    assertEquals(imported.size(), status.getInt("total"), status.toString());
    assertEquals(imported.size(), status.getInt("processed"), status.toString());
    assertEquals(0, status.getInt("failed"), status.toString());
    assertTrue(
        status.getInt("faces") >= imported.size(), "a face in every photo at least: " + status);

    photographer.openGallery(eventId, GALLERY_CODE);
    Api guest = Api.withoutCookies(PayaraServerEarIT::uri);
    String token = GlimpseClient.guestToken(guest, photographer.slug(eventId), GALLERY_CODE);
    JsonObject answer =
        Api.object(
            guest.multipart(
                "/api/v1/events/" + eventId + "/search",
                token,
                Map.of(),
                "selfie",
                Map.of(selfieFile, Files.readAllBytes(shared.resolve(selfieFile)))),
            200);
    Set<String> found = new TreeSet<>();
    for (JsonObject match : answer.getJsonArray("matches").getValuesAs(JsonObject.class)) {
      found.add(match.getString("fileName"));
    }
    log("selfie %s found %s", selfieFile, found);
    assertEquals(guestsPhotos, found, "the guest's photos, and only them: " + answer);
  }

  // --- asadmin ---

  /**
   * {@code create-system-properties} for Glimpse's settings: on a full server they are system
   * properties of the server JVM (MicroProfile Config reads them, as it reads the environment).
   */
  private static String settingsCommand(Map<String, String> settings) {
    return "create-system-properties "
        + new TreeMap<>(settings)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + asadminProperty(e.getValue()))
                .collect(Collectors.joining(":"))
        + "\n";
  }

  private static String asadminProperty(String value) {
    return forAsadminCli(value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\="));
  }

  private static String forAsadminCli(String commands) {
    return ServerResources.forAsadminClient(commands);
  }

  private static String remoteAsadmin(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "" + adminPort));
    command.addAll(List.of(args));
    return asadmin(command.toArray(String[]::new));
  }

  /**
   * Runs asadmin with this JVM's Java (the CLI jar directly: the unpacked scripts may have lost
   * their executable bit). Output goes to a file, not a pipe: {@code start-domain} leaves the
   * server running with the CLI's file descriptors.
   */
  private static String asadmin(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(payaraHome.resolve("glassfish/lib/client/appserver-cli.jar").toString());
    command.add("--interactive=false");
    command.addAll(List.of(args));
    String name = args[args.length > 4 && args[0].equals("--host") ? 4 : 0];
    // Kept: start-domain leaves the server's own stdout and stderr (native crashes) in its file.
    Path output = work.resolve(String.format("asadmin-%02d-%s.log", ++asadminRuns, name));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("AS_JAVA", System.getProperty("java.home"));
    builder.environment().put("TERM", "dumb");
    long start = System.nanoTime();
    Process process = builder.start();
    boolean exited = process.waitFor(ASADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    String text = Files.readString(output);
    log("asadmin %s: %.1f s", name, (System.nanoTime() - start) / 1e9);
    if (!exited || process.exitValue() != 0) {
      throw new IllegalStateException(
          "asadmin " + String.join(" ", args) + (exited ? " failed" : " timed out") + ":\n" + text);
    }
    return text;
  }

  // --- helpers ---

  private static boolean serverAlive() {
    try {
      long pid =
          Long.parseLong(Files.readString(domainDir.resolve(DOMAIN).resolve("config/pid")).strip());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  private static JsonObject json(String body) {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      fail("System property " + property + " is not set (run this test with Maven failsafe)");
    }
    return existingFile(Path.of(value).toAbsolutePath());
  }

  private static Path existingFile(Path path) {
    if (!Files.exists(path)) {
      fail(path + " is missing: build the project first (mvn install -DskipTests)");
    }
    return path;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A port base whose every domain port is free, away from the defaults and ephemeral ports. */
  private static int freePortBase() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 100 * ThreadLocalRandom.current().nextInt(200, 320);
      if (IntStream.of(PORT_OFFSETS).allMatch(offset -> isFree(base + offset))) {
        return base;
      }
    }
    throw new IllegalStateException("No free port base for the Payara domain");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static void printServerLogTail() {
    if (domainDir == null) {
      return;
    }
    Path serverLog = domainDir.resolve(DOMAIN).resolve("logs/server.log");
    try {
      List<String> lines = Files.readAllLines(serverLog, StandardCharsets.UTF_8);
      System.err.println("---- tail of " + serverLog + " ----");
      lines.subList(Math.max(0, lines.size() - 200), lines.size()).forEach(System.err::println);
      System.err.println("---- end of server.log ----");
    } catch (IOException e) {
      System.err.println("No server log at " + serverLog + ": " + e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log("could not delete %s: %s", root, e);
    }
  }

  private static void log(String format, Object... args) {
    System.out.printf(
        "[PayaraServerEarIT %5.1f s] %s%n",
        (System.nanoTime() - STARTED) / 1e9, String.format(format, args));
  }

  /** Marks the run as failed so that {@link #stopEverything} prints the server log tail. */
  static final class FailureLog implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      failed = true;
    }
  }
}
