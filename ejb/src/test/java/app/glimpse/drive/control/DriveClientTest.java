package app.glimpse.drive.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Drive v3 client against {@link FakeDrive}: listing, download, retries, tokens. */
class DriveClientTest {

  private static final int ATTEMPTS = 5;

  private FakeDrive fake;
  private DriveSettings settings;
  private DriveClient client;

  @BeforeEach
  void start() throws Exception {
    fake = FakeDrive.start(0, "client-1", "secret-1", "anna@example.com");
    fake.refreshToken("refresh-anna");
    settings =
        new DriveSettings(
            "client-1",
            "secret-1",
            null,
            fake.apiUrl(),
            fake.tokenUrl(),
            null,
            ATTEMPTS,
            Duration.ofMillis(2));
    client = new DriveClient(settings, DriveClient.credential(settings, "refresh-anna"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void listsImagesPageByPageIntoSubFoldersSkippingOtherFiles() {
    fake.folder("event", "Wedding", "root")
        .file("a", "a.jpg", "image/jpeg", "event", bytes("A"))
        .file("b", "b.png", "image/png", "event", bytes("B"))
        .file("c", "c.heic", "image/heic", "event", bytes("C"))
        .file("notes", "notes.txt", "text/plain", "event", bytes("text"))
        .file("doc", "plan", "application/vnd.google-apps.document", "event", bytes("doc"))
        .folder("ceremony", "Ceremony", "event")
        .file("d", "d.jpg", "image/jpeg", "ceremony", bytes("D"))
        .folder("rings", "Rings", "ceremony")
        .file("e", "e.jpg", "image/jpeg", "rings", bytes("E"))
        .folder("empty", "Empty", "event")
        .file("elsewhere", "x.jpg", "image/jpeg", "root", bytes("X"))
        .pageSize(2);

    List<DriveClient.DrivePage> pages = allPages("event", true);
    List<String> ids = ids(pages);
    assertEquals(List.of("a", "b", "c", "d", "e"), ids.stream().sorted().toList());
    assertTrue(pages.size() >= 5, "pages of two items, then the sub-folders: " + pages.size());
    assertEquals(pages.size(), fake.listRequests(), "one request per page");
    DriveClient.DriveFile a =
        pages.stream()
            .flatMap(page -> page.files().stream())
            .filter(f -> f.id().equals("a"))
            .findFirst()
            .orElseThrow();
    assertEquals("a.jpg", a.name());
    assertEquals(FakeDrive.md5(bytes("A")), a.version(), "the md5Checksum identifies the content");
    assertEquals(1, a.size());

    assertEquals(List.of("a", "b", "c"), ids(allPages("event", false)).stream().sorted().toList());

    // each file says the sub-folder it lies in below the listed folder: the photo's set
    java.util.Map<String, String> folders = new java.util.TreeMap<>();
    pages.stream()
        .flatMap(page -> page.files().stream())
        .forEach(f -> folders.put(f.id(), String.valueOf(f.folder())));
    assertEquals(
        java.util.Map.of(
            "a", "null", "b", "null", "c", "null", "d", "Ceremony", "e", "Ceremony/Rings"),
        folders);
  }

  @Test
  void aCursorOfThreeLinesStillReads() {
    DriveClient.Cursor old = DriveClient.Cursor.parse("event\n\nceremony,empty");
    assertEquals("event", old.folder());
    assertEquals(List.of("ceremony", "empty"), old.pending());
    assertEquals(null, old.path());
    DriveClient.Cursor next = DriveClient.Cursor.next(old.pending());
    assertEquals("ceremony", next.folder());
    assertEquals(null, next.path(), "no path known for what an old cursor left pending");
    DriveClient.Cursor withPaths =
        new DriveClient.Cursor(
            "event",
            "token",
            List.of(DriveClient.Cursor.entry("rings", "Day 1/Rings, gold")),
            "Day 1");
    DriveClient.Cursor again = DriveClient.Cursor.parse(withPaths.format());
    assertEquals(withPaths, again);
    assertEquals("Day 1/Rings, gold", DriveClient.Cursor.next(again.pending()).path());
    assertThrows(
        IllegalArgumentException.class, () -> DriveClient.Cursor.parse("event\n\nnot an id/x\n"));
  }

  @Test
  void aCursorGivesTheSamePageAgain() {
    fake.folder("event", "Wedding", "root").pageSize(2);
    for (int i = 0; i < 5; i++) {
      fake.file("f" + i, "f" + i + ".jpg", "image/jpeg", "event", bytes("F" + i));
    }
    DriveClient.DrivePage first = client.images("event", false, null);
    DriveClient.DrivePage second = client.images("event", false, first.next());
    DriveClient.DrivePage secondAgain = client.images("event", false, first.next());
    assertEquals(ids(List.of(second)), ids(List.of(secondAgain)));
    assertEquals(List.of("f2", "f3"), ids(List.of(second)));
  }

  @Test
  void listingRetriesRateLimitsAndServerErrors() {
    fake.folder("event", "Wedding", "root")
        .file("a", "a.jpg", "image/jpeg", "event", bytes("A"))
        .fail(FakeDrive.LISTING, "rateLimitExceeded", 429, 500);
    DriveClient.DrivePage page = client.images("event", false, null);
    assertEquals(List.of("a"), ids(List.of(page)));
    assertNull(page.next());
    assertEquals(3, fake.listRequests());
  }

  @Test
  void downloadBacksOffOnRateLimitsAndServerErrorsThenSucceeds() {
    byte[] content = "a photo".getBytes(StandardCharsets.UTF_8);
    fake.file("a", "a.jpg", "image/jpeg", "root", content)
        .fail("a", "userRateLimitExceeded", 403)
        .fail("a", "rateLimitExceeded", 429)
        .fail("a", "backendError", 500, 503);
    assertArrayEquals(content, client.download("a", "a.jpg", 1000));
    assertEquals(5, fake.mediaRequests("a"));
  }

  @Test
  void retriesAreBoundedAndEndInAReadableFailure() {
    fake.file("a", "a.jpg", "image/jpeg", "root", bytes("A"))
        .fail("a", "backendError", 500, 500, 500, 500, 500, 500, 500);
    DriveFailure failure =
        assertThrows(DriveFailure.class, () -> client.download("a", "a.jpg", 1000));
    assertEquals(DriveFailure.Kind.UNAVAILABLE, failure.kind());
    assertEquals(ATTEMPTS, fake.mediaRequests("a"));
    assertTrue(failure.getMessage().contains("a.jpg"), failure.getMessage());
    assertTrue(failure.getMessage().contains("500"), failure.getMessage());
  }

  @Test
  void missingFilesAndRefusalsAreNotRetried() {
    DriveFailure missing =
        assertThrows(DriveFailure.class, () -> client.download("gone", "gone.jpg", 1000));
    assertEquals(DriveFailure.Kind.NOT_FOUND, missing.kind());
    assertEquals(1, fake.mediaRequests("gone"));

    fake.file("a", "a.jpg", "image/jpeg", "root", bytes("A")).fail("a", "forbidden", 403);
    DriveFailure refused =
        assertThrows(DriveFailure.class, () -> client.download("a", "a.jpg", 1000));
    assertEquals(DriveFailure.Kind.REFUSED, refused.kind());
    assertEquals(1, fake.mediaRequests("a"));
  }

  @Test
  void refusesFilesLargerThanTheLimit() {
    fake.file("big", "big.jpg", "image/jpeg", "root", new byte[2000]);
    assertEquals(
        DriveFailure.Kind.TOO_LARGE,
        assertThrows(DriveFailure.class, () -> client.download("big", "big.jpg", 1999)).kind());
    assertEquals(2000, client.download("big", "big.jpg", 2000).length);
  }

  @Test
  void anExpiredAccessTokenIsRefreshedAndTheRequestRepeated() {
    fake.file("a", "a.jpg", "image/jpeg", "root", bytes("A"));
    assertEquals("anna@example.com", client.accountEmail());
    assertEquals(1, fake.refreshes());
    assertEquals(1, client.download("a", "a.jpg", 10).length);
    assertEquals(1, fake.refreshes(), "the access token is kept while it is valid");

    fake.expireAccessTokens();
    assertEquals(1, client.download("a", "a.jpg", 10).length);
    assertEquals(2, fake.refreshes());
    assertEquals(1, fake.unauthorized());
  }

  @Test
  void aRevokedConnectionIsReportedAsDisconnected() {
    fake.revoke("refresh-anna");
    DriveFailure failure = assertThrows(DriveFailure.class, () -> client.accountEmail());
    assertEquals(DriveFailure.Kind.DISCONNECTED, failure.kind(), failure.getMessage());
    assertTrue(failure.getMessage().contains("connect Drive again"), failure.getMessage());
  }

  @Test
  void foldersForThePickerAcrossPages() {
    fake.folder("b", "Beta", "root")
        .folder("a", "Alpha", "root")
        .folder("c", "Gamma", "root")
        .file("x", "x.jpg", "image/jpeg", "root", bytes("X"))
        .folder("a1", "Inner", "a")
        .pageSize(2);
    assertEquals(
        List.of("Alpha", "Beta", "Gamma"),
        client.folders("root").stream().map(DriveClient.DriveFolder::name).toList());
    assertEquals(
        List.of("a1"), client.folders("a").stream().map(DriveClient.DriveFolder::id).toList());
    assertEquals("Alpha", client.folder("a").name());
    assertEquals(
        DriveFailure.Kind.NOT_FOUND,
        assertThrows(DriveFailure.class, () -> client.folder("x")).kind(),
        "a file is no folder");
    assertThrows(IllegalArgumentException.class, () -> client.folders("a' or '1' = '1"));
  }

  @Test
  void theOAuthFlowAsksForReadOnlyOfflineAccessAndExchangesTheCodeWithPkce() {
    String verifier = "v3rifier-of-at-least-43-characters-0123456789abcdef";
    String url =
        DriveOAuth.authorizationUrl(
            settings, "http://glimpse.test/api/v1/drive/callback", "st4te", verifier);
    Map<String, String> query = query(URI.create(url));
    assertTrue(url.startsWith(DriveSettings.GOOGLE_AUTHORIZATION_URL + "?"), url);
    assertEquals("client-1", query.get("client_id"));
    assertEquals("code", query.get("response_type"));
    assertEquals("https://www.googleapis.com/auth/drive.readonly", query.get("scope"));
    assertEquals("st4te", query.get("state"));
    assertEquals("offline", query.get("access_type"));
    assertEquals("http://glimpse.test/api/v1/drive/callback", query.get("redirect_uri"));
    assertEquals("S256", query.get("code_challenge_method"));
    // RFC 7636, appendix B: the challenge of dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk
    assertEquals(
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        DriveOAuth.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));

    fake.authorizationCode("code-1", "refresh-new").consent(url);
    DriveFailure wrongVerifier =
        assertThrows(
            DriveFailure.class,
            () ->
                DriveOAuth.refreshToken(
                    settings, "code-1", "http://glimpse.test/api/v1/drive/callback", "guessed"));
    assertTrue(wrongVerifier.getMessage().contains("invalid_grant"), wrongVerifier.getMessage());
    fake.authorizationCode("code-2", "refresh-new").consent(url);
    assertEquals(
        "refresh-new",
        DriveOAuth.refreshToken(
            settings, "code-2", "http://glimpse.test/api/v1/drive/callback", verifier));
    DriveFailure reused =
        assertThrows(
            DriveFailure.class,
            () -> DriveOAuth.refreshToken(settings, "code-2", "http://glimpse.test/cb", verifier));
    assertTrue(reused.getMessage().contains("invalid_grant"), reused.getMessage());
  }

  private List<DriveClient.DrivePage> allPages(String folder, boolean recursive) {
    List<DriveClient.DrivePage> pages = new ArrayList<>();
    String cursor = null;
    do {
      DriveClient.DrivePage page = client.images(folder, recursive, cursor);
      pages.add(page);
      cursor = page.next();
    } while (cursor != null);
    return pages;
  }

  private static List<String> ids(List<DriveClient.DrivePage> pages) {
    return pages.stream()
        .flatMap(page -> page.files().stream())
        .map(DriveClient.DriveFile::id)
        .toList();
  }

  private static Map<String, String> query(URI uri) {
    return java.util.Arrays.stream(uri.getRawQuery().split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(
                pair -> pair[0],
                pair -> java.net.URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
