package app.glimpse.portal;

import static app.glimpse.testing.Jpegs.withComment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.launcher.Glimpse;
import app.glimpse.launcher.LocalGlimpse;
import app.glimpse.testing.Api;
import app.glimpse.testing.GlimpseClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The photographer portal and the guest gallery in a real browser (Debian's headless Chromium),
 * against a whole Glimpse started as {@code ./glimpse run} starts it: sign in, create an event,
 * import a folder of ../shared photos and watch the progress bar reach done, open the gallery with
 * a code; then, as a guest, enter the code, see the grid and page through the lightbox. Screenshots
 * of each page at desktop and phone width go to {@code target/screenshots}. The gallery loads five
 * photos per page here, so its infinite scroll appends pages.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalIT {

  private static final String EMAIL = "owner@studio.test";
  private static final String PASSWORD = "correct horse battery";
  private static final String NEW_PASSWORD = "battery staple horse";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Dimension DESKTOP = new Dimension(1366, 900);
  private static final Dimension PHONE = new Dimension(375, 812);

  /** A larger phone (iPhone 12 to 15), for the gallery's newer controls. */
  private static final Dimension PHONE_390 = new Dimension(390, 844);

  /** The person of deepface/img2.jpg (the selfie) is in these photos (identities.tsv: df00). */
  private static final List<String> SAME_PERSON =
      List.of("img1.jpg", "img10.jpg", "img11.jpg", "img4.jpg");

  /** Uploaded in the studio: the selfie's person and four others (df01-df04). */
  private static final List<String> UPLOADED =
      java.util.stream.Stream.concat(
              SAME_PERSON.stream(), Stream.of("img26.jpg", "img47.jpg", "img12.jpg", "img13.jpg"))
          .toList();

  /** The six group photos of the folder import and the uploaded ones. */
  private static final int TOTAL = 6 + 8;

  /** Where the first test left its event: its studio page and its gallery, for the tests after. */
  private static String eventUrl;

  private static String eventGallery;

  private static Path data;
  private static LocalGlimpse glimpse;
  private static app.glimpse.drive.control.FakeDrive drive;
  private static String base;
  private static ChromeDriver browser;
  private static WebDriverWait wait;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(SCREENSHOTS);
    base = System.getProperty("glimpse.portal.url");
    if (base == null) {
      data = Files.createTempDirectory("glimpse-portal");
      int port = Glimpse.freePort();
      Path dist = Path.of(System.getProperty("glimpse.dist")).toAbsolutePath();
      drive =
          app.glimpse.drive.control.FakeDrive.start(
                  0, "portal-client", "portal-secret", "anna@gmail.test")
              .folder("day", "Wedding day", "root")
              .folder("party", "Party", "day")
              .authorizationCode("code-portal", "refresh-portal");
      glimpse =
          LocalGlimpse.start(
              LocalGlimpse.launcherCommand(dist),
              port,
              Map.ofEntries(
                  Map.entry("GLIMPSE_DATA_DIR", data.toString()),
                  Map.entry("GLIMPSE_ADMIN_EMAIL", EMAIL),
                  Map.entry("GLIMPSE_ADMIN_PASSWORD", PASSWORD),
                  Map.entry("GLIMPSE_IMPORT_ROOTS", photos().getParent().toString()),
                  Map.entry("GLIMPSE_GALLERY_PAGE_SIZE", "5"),
                  Map.entry("GLIMPSE_DRIVE_CLIENT_ID", "portal-client"),
                  Map.entry("GLIMPSE_DRIVE_CLIENT_SECRET", "portal-secret"),
                  Map.entry("GLIMPSE_DRIVE_API_URL", drive.apiUrl()),
                  Map.entry("GLIMPSE_DRIVE_TOKEN_URL", drive.tokenUrl()),
                  Map.entry("GLIMPSE_DRIVE_AUTHORIZATION_URL", drive.authorizationUrl())),
              data.resolve("glimpse.log"));
      base = "http://127.0.0.1:" + port;
    }
    Path chromium = Path.of("/usr/bin/chromium");
    Path driver = Path.of("/usr/bin/chromedriver");
    assertTrue(
        Files.isExecutable(chromium) && Files.isExecutable(driver),
        "PortalIT needs Debian's chromium and chromium-driver (apt-get install chromium"
            + " chromium-driver; .ci/run installs them)");
    ChromeOptions options = new ChromeOptions();
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=1366,900",
        "--lang=en-US");
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build(),
            options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class); // Faces Ajax replaces what it updates
    if (glimpse != null) {
      glimpse.awaitReady(Duration.ofMinutes(3));
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (drive != null) {
      drive.close();
    }
    if (glimpse != null) {
      glimpse.close();
      for (Path log : List.of(data.resolve("glimpse.log"), glimpse.serverLog())) {
        if (Files.exists(log)) {
          String text = Files.readString(log);
          System.out.println(
              "=== " + log + "\n" + text.substring(Math.max(0, text.length() - 10_000)));
        }
      }
    }
  }

  @Test
  @Order(1)
  void photographerPreparesAnEventAndAGuestBrowsesIt() throws Exception {
    String galleryLink = photographerFlow();
    eventGallery = galleryLink;
    guestFlow(galleryLink);
  }

  private String photographerFlow() throws Exception {
    browser.manage().window().setSize(DESKTOP);
    browser.get(base + "/studio/events.xhtml");
    wait.until(ExpectedConditions.urlContains("/studio/sign-in.xhtml?next="));
    screenshots("01-sign-in");
    browser.findElement(By.id("signIn:email")).sendKeys(EMAIL);
    browser.findElement(By.id("signIn:password")).sendKeys("wrong password");
    browser.findElement(By.id("signIn:submit")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Wrong"));
    browser.findElement(By.id("signIn:email")).clear();
    browser.findElement(By.id("signIn:email")).sendKeys(EMAIL);
    browser.findElement(By.id("signIn:password")).sendKeys(PASSWORD);
    browser.findElement(By.id("signIn:submit")).click();
    wait.until(ExpectedConditions.urlContains("/studio/events.xhtml"));
    Cookie session = browser.manage().getCookieNamed("JSESSIONID");
    assertNotNull(session, "a session cookie");
    assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
    assertEquals("Lax", session.getSameSite(), "the session cookie is SameSite=Lax");

    HttpResponse<String> withCookieOnly =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .header("Cookie", "JSESSIONID=" + session.getValue())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, withCookieOnly.statusCode(), "the API ignores the portal's session");
    assertTrue(withCookieOnly.body().contains("\"unauthorized\""), withCookieOnly.body());

    browser.findElement(By.id("events:new")).click();
    WebElement name =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("eventForm:name")));
    name.sendKeys("Anna & Ben");
    browser.findElement(By.id("eventForm:save")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("events:list"), "Anna & Ben"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("eventForm:name")));

    browser.findElement(By.linkText("Anna & Ben")).click();
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Anna & Ben"));
    eventUrl = browser.getCurrentUrl();
    pickFolder();
    browser.findElement(By.id("imports:sources:start")).click();
    new WebDriverWait(browser, Duration.ofSeconds(90))
        .withMessage(() -> "browser log: " + browserLog())
        .until(
            ExpectedConditions.textMatches(
                By.id("progressText"), java.util.regex.Pattern.compile("^Done.*")));
    String done = browser.findElement(By.id("progressText")).getText();
    assertTrue(done.startsWith("Done: 6 photos"), done);
    int faces = facesOf(done);
    assertEquals("6", browser.findElement(By.id("photoCount")).getText());
    assertEquals(
        "100%",
        browser.findElement(By.cssSelector("#imports\\:bar .ui-progressbar-label")).getText());
    wait.until(
        driver ->
            driver.findElements(By.cssSelector("#photosForm\\:photos .thumb img")).size() == 6);
    waitForImages("#photosForm\\:photos .thumb img");

    browser.findElement(By.id("access:code")).sendKeys("471100");
    browser.findElement(By.id("access:saveAccess")).click();
    WebElement link =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("galleryLink")));
    String galleryLink = link.getAttribute("href");
    assertTrue(galleryLink.contains("/g/anna-ben-"), galleryLink);
    assertEquals("471100", browser.findElement(By.id("savedCode")).getText());
    waitForImages("#qrCode");
    screenshots("03-event");
    accessKeepsItsCode();

    String thumbnail =
        browser.findElement(By.cssSelector("#photosForm\\:photos .thumb img")).getAttribute("src");
    previewsAreCachedAndPrivate(thumbnail, session.getValue());
    faces += studioUploadDrivePeople();

    browser.get(base + "/studio/events.xhtml");
    waitForImages(".event-card .cover img");
    assertEquals(
        TOTAL + " photos",
        browser.findElement(By.cssSelector(".event-card .photo-count")).getText());
    assertEquals(
        faces + " faces", browser.findElement(By.cssSelector(".event-card .face-count")).getText());
    String people = browser.findElement(By.cssSelector(".event-card .people-count")).getText();
    assertTrue(people.matches("\\d+ (person|people)"), people);
    screenshots("02-events");

    // a password change signs out the account's other portal sessions, not the one that made it
    String otherBrowser = browser.manage().getCookieNamed("JSESSIONID").getValue();
    signIn();
    assertEquals(200, portalStatus(otherBrowser), "signed in before the change");
    changePassword(PASSWORD, NEW_PASSWORD, true);
    assertEquals(302, portalStatus(otherBrowser), "sent to sign in after the change");
    browser.get(base + "/studio/events.xhtml");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signOut:signOutLink")));
    browser.findElement(By.id("signOut:signOutLink")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signedOutNotice")));
    browser.get(base + "/studio/events.xhtml");
    wait.until(ExpectedConditions.urlContains("/studio/sign-in.xhtml"));
    browser.findElement(By.id("signIn:email")).sendKeys(EMAIL);
    browser.findElement(By.id("signIn:password")).sendKeys(NEW_PASSWORD);
    browser.findElement(By.id("signIn:submit")).click();
    wait.until(ExpectedConditions.urlContains("/studio/events.xhtml"));
    // back to the first password, so the test runs again against a server that keeps its data
    changePassword(NEW_PASSWORD, PASSWORD, false);
    return galleryLink;
  }

  /**
   * The server folder tab lists the import roots and their sub-folders, and a folder picked fills
   * the field.
   */
  private void pickFolder() throws IOException {
    Path root = photos().getParent();
    assertTrue(
        browser.findElement(By.id("importRoots")).getText().contains(root.toString()),
        browser.findElement(By.id("importRoots")).getText());
    browser.findElement(By.cssSelector("#imports\\:sources\\:folderTree .ui-tree-toggler")).click();
    By children =
        By.cssSelector("#imports\\:sources\\:folderTree .ui-treenode-children .ui-treenode-label");
    String picked = photos().getFileName().toString();
    wait.until(
        driver ->
            driver.findElements(children).stream()
                .anyMatch(label -> label.getText().equals(picked)));
    List<String> folders;
    try (Stream<Path> listed = Files.list(root)) {
      folders =
          listed
              .filter(child -> Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS))
              .map(child -> child.getFileName().toString())
              .filter(name -> !name.startsWith("."))
              .sorted()
              .toList();
    }
    assertEquals(
        folders,
        browser.findElements(children).stream().map(WebElement::getText).toList(),
        "the picker lists the root's folders, no files");
    browser
        .findElement(
            By.xpath(
                "//*[@id='imports:sources:folderTree']//span[contains(@class,'ui-treenode-label')]"
                    + "[normalize-space()='"
                    + picked
                    + "']"))
        .click();
    String real = photos().toRealPath().toString();
    wait.until(
        driver ->
            real.equals(driver.findElement(By.id("imports:sources:folder")).getAttribute("value")));
  }

  /**
   * Saving guest access with the code left empty keeps the code; switching face search off and on
   * again disables and enables "show people to guests" at once.
   */
  private void accessKeepsItsCode() {
    By people = By.id("privacy:peopleVisible");
    assertTrue(
        browser.findElement(By.cssSelector("label[for='access:code']")).getText().contains("keep"));
    browser.findElement(By.id("access:faceSearch")).click();
    browser.findElement(By.id("access:saveAccess")).click();
    wait.until(
        driver -> driver.findElement(people).getAttribute("class").contains("ui-state-disabled"));
    assertTrue(
        browser.findElement(By.id("messages")).getText().contains("code stays"),
        browser.findElement(By.id("messages")).getText());
    browser.findElement(By.id("access:faceSearch")).click();
    browser.findElement(By.id("access:saveAccess")).click();
    wait.until(
        driver -> !driver.findElement(people).getAttribute("class").contains("ui-state-disabled"));
    assertEquals("471100", browser.findElement(By.id("savedCode")).getText());
  }

  private void changePassword(String from, String to, boolean screenshot) throws IOException {
    browser.get(base + "/studio/password.xhtml");
    browser.findElement(By.id("password:current")).sendKeys(from);
    browser.findElement(By.id("password:replacement")).sendKeys(to);
    browser.findElement(By.id("password:repeated")).sendKeys(to);
    browser.findElement(By.id("password:change")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Password changed"));
    if (screenshot) {
      screenshots("14-studio-password");
    }
  }

  /**
   * The status of the events page for the portal session {@code session}, redirects not followed.
   */
  private int portalStatus(String session) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + "/studio/events.xhtml"))
                .header("Cookie", "JSESSIONID=" + session)
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** The faces of an import's "Done: n photos, f faces, ..." line. */
  private static int facesOf(String done) {
    var faces = java.util.regex.Pattern.compile(", (\\d+) faces?,").matcher(done);
    assertTrue(faces.find(), done);
    return Integer.parseInt(faces.group(1));
  }

  private void guestFlow(String galleryLink) throws Exception {
    browser.manage().deleteAllCookies();
    browser.manage().window().setSize(DESKTOP);
    browser.get(galleryLink);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("enter:code")));
    screenshots("04-gallery-code");
    browser.findElement(By.id("enter:code")).sendKeys("000000");
    browser.findElement(By.id("enter:open")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("codeMessages"), "does not open"));
    browser.findElement(By.id("enter:code")).sendKeys("471100");
    browser.findElement(By.id("enter:open")).click();
    wait.until(ExpectedConditions.textToBe(By.id("galleryTitle"), "Anna & Ben"));
    // five photos a page: scrolling appends the other pages, each tile in a list item of the grid
    wait.until(
        driver ->
            driver.findElements(By.cssSelector("#photos\\:grid > [role=listitem] > .tile")).size()
                == TOTAL);
    assertTrue(browser.findElements(By.cssSelector("#photos\\:next .tile")).isEmpty());
    if (glimpse != null) {
      String page =
          http.send(
                  HttpRequest.newBuilder(URI.create(galleryLink))
                      .header(
                          "Cookie",
                          "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue())
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertEquals(
          5, page.split("class=\"tile\"", -1).length - 1, "the page itself holds the first page");
    }
    assertTrue(browser.findElements(By.cssSelector(".tile[role]")).isEmpty());
    waitForImages("#photos\\:grid .tile img");
    List<WebElement> images = browser.findElements(By.cssSelector("#photos\\:grid .tile img"));
    for (int i = 0; i < images.size(); i++) {
      String alt = images.get(i).getAttribute("alt");
      assertTrue(alt.startsWith("Photo " + (i + 1) + " of " + TOTAL), alt);
    }
    assertTrue(
        browser
            .findElement(By.cssSelector(".find-me .privacy"))
            .getText()
            .contains("never stored"));
    screenshots("05-gallery");

    browser.get(galleryLink);
    wait.until(ExpectedConditions.textToBe(By.id("galleryTitle"), "Anna & Ben"));

    browser.findElements(By.cssSelector("#photos\\:grid .tile")).get(0).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lightbox")));
    waitForImages("#lightboxImage");
    assertTrue(
        browser.findElement(By.id("lightboxCaption")).getText().startsWith("Photo 1 of " + TOTAL));
    new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
    wait.until(
        ExpectedConditions.textMatches(
            By.id("lightboxCaption"),
            java.util.regex.Pattern.compile("^Photo 2 of " + TOTAL + ".*")));
    waitForImages("#lightboxImage");
    screenshots("06-lightbox");
    new Actions(browser).sendKeys(Keys.ESCAPE).perform();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("lightbox")));
    assertEquals(
        "1",
        browser.switchTo().activeElement().getAttribute("data-index"),
        "the focus is back on the tile of the photo shown last");

    // the photographer shows people to guests: tap a face to see that person's photos
    browser.findElement(By.cssSelector(".face-pick")).click();
    wait.until(ExpectedConditions.textToBe(By.id("gridTitle"), "Photos of Alice"));
    wait.until(
        driver ->
            driver.findElements(By.cssSelector("#photos\\:grid .tile")).size()
                == SAME_PERSON.size());
    waitForImages("#photos\\:grid .tile img");
    screenshots("13-gallery-people");
    browser.findElement(By.id("browse:showAll")).click();
    wait.until(ExpectedConditions.textToBe(By.id("gridTitle"), "All photos"));

    findMe(galleryLink);
    tabsAndBackKeepTheirViews(galleryLink);
  }

  /**
   * The session keeps a guest's last six views (web.xml): a second tab and the page the back button
   * returns to each go on with their own; a tab left behind more pages than that has lost its view,
   * and its next Ajax request reloads it (gallery.js) rather than doing nothing.
   */
  private void tabsAndBackKeepTheirViews(String galleryLink) {
    browser.get(galleryLink);
    wait.until(ExpectedConditions.textToBe(By.id("galleryTitle"), "Anna & Ben"));
    String first = browser.getWindowHandle();
    browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    String second = browser.getWindowHandle();
    browser.get(galleryLink);
    // the guest scrolls down (the cover above the grid may hold the next page out of reach)
    wait.until(
        driver -> {
          ((JavascriptExecutor) driver)
              .executeScript("window.scrollTo(0, document.documentElement.scrollHeight);");
          return driver.findElements(By.cssSelector("#photos\\:grid .tile")).size() == TOTAL;
        });
    browser.get(base + "/g/no-such-gallery");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("galleryNotFound")));
    browser.navigate().back();
    wait.until(ExpectedConditions.textToBe(By.id("galleryTitle"), "Anna & Ben"));
    pickAFaceAndBack();
    browser.switchTo().window(first);
    pickAFaceAndBack();

    browser.switchTo().window(second);
    for (int i = 0; i < 7; i++) {
      browser.get(galleryLink);
      wait.until(ExpectedConditions.textToBe(By.id("galleryTitle"), "Anna & Ben"));
    }
    browser.close();
    browser.switchTo().window(first);
    JavascriptExecutor script = (JavascriptExecutor) browser;
    script.executeScript("window.glimpseOldPage = true;");
    browser.findElement(By.cssSelector(".face-pick")).click();
    wait.until(
        driver ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) driver)
                    .executeScript(
                        "return window.glimpseOldPage === undefined"
                            + " && document.readyState === 'complete'")));
    wait.until(ExpectedConditions.textToBe(By.id("gridTitle"), "All photos"));
    pickAFaceAndBack();
  }

  /** Taps the first face of the people strip, then goes back to all photos. */
  private void pickAFaceAndBack() {
    browser.findElement(By.cssSelector(".face-pick")).click();
    wait.until(ExpectedConditions.textToBe(By.id("gridTitle"), "Photos of Alice"));
    wait.until(
        driver ->
            driver.findElements(By.cssSelector("#photos\\:grid .tile")).size()
                == SAME_PERSON.size());
    browser.findElement(By.id("browse:showAll")).click();
    wait.until(ExpectedConditions.textToBe(By.id("gridTitle"), "All photos"));
    wait.until(driver -> driver.findElements(By.cssSelector("#photos\\:grid .tile")).size() >= 5);
  }

  /**
   * The studio's upload tab (the file input behind the drop zone) takes a few ../shared/deepface
   * photos, the import runs to done; Drive shows as not configured; the people view lists the
   * groups and a name typed inline stays; people are shown to guests.
   */
  private int studioUploadDrivePeople() throws Exception {
    tab("Upload");
    WebElement files = browser.findElement(By.id("uploadFiles"));
    files.sendKeys(
        String.join(
            "\n", UPLOADED.stream().map(name -> deepface().resolve(name).toString()).toList()));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("uploadStatus"), "Uploaded " + UPLOADED.size() + " photos"));
    new WebDriverWait(browser, Duration.ofSeconds(90))
        .until(
            ExpectedConditions.textMatches(
                By.id("progressText"),
                java.util.regex.Pattern.compile("^Done: " + UPLOADED.size() + " photos.*")));
    int faces = facesOf(browser.findElement(By.id("progressText")).getText());
    wait.until(ExpectedConditions.textToBe(By.id("photoCount"), String.valueOf(TOTAL)));
    screenshots("07-studio-upload");

    tab("Google Drive");
    if (drive == null) { // a server of someone else's, without Drive settings
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("driveNotConfigured"), "not configured"));
    } else {
      // Google's consent (the fake's consents at once) sends the photographer back to this page
      String eventPage = browser.getCurrentUrl().replaceAll("[?#].*", "");
      browser.findElement(By.id("imports:sources:driveConnect")).click();
      wait.until(driver -> driver.getCurrentUrl().contains("drive=connected"));
      assertTrue(
          browser.getCurrentUrl().startsWith(eventPage + "?id="),
          "back on the event page: " + browser.getCurrentUrl());
      wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Anna & Ben"));
      assertTrue(
          browser.findElement(By.id("messages")).getText().contains("Google Drive is connected"),
          browser.findElement(By.id("messages")).getText());
      tab("Google Drive");
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("#imports\\:sources\\:driveTree"), "Wedding day"));
      assertTrue(
          browser.getPageSource().contains("Connected as anna@gmail.test"),
          "the connected account is named");
    }
    screenshots("08-studio-drive");

    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Anna & Ben"));
    wait.until(driver -> !driver.findElements(By.cssSelector(".person")).isEmpty());
    WebElement firstName = browser.findElement(By.cssSelector(".person .person-name"));
    firstName.sendKeys("Alice");
    firstName.sendKeys(Keys.TAB);
    browser.findElement(By.id("privacy:peopleVisible")).click();
    Thread.sleep(1500);
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Anna & Ben"));
    assertEquals(
        "Alice",
        browser.findElement(By.cssSelector(".person .person-name")).getAttribute("value"),
        "a name typed inline is kept");
    assertTrue(
        browser.findElement(By.id("privacy:peopleVisible_input")).isSelected(),
        "people are shown to guests");
    screenshots("09-studio-people");
    return faces;
  }

  /**
   * Find me: a selfie of a person in four of the uploaded photos finds exactly those, with the face
   * framed; "not me" drops one; the ZIP holds the originals of the rest, byte for byte; one photo
   * downloads in full size; a selfie with several faces offers to pick another; strangers get an
   * HTML error page.
   */
  private void findMe(String galleryLink) throws Exception {
    // the selfie carries a unique JPEG comment, to look for it on the server's disks afterwards
    String marker = "glimpse-selfie-" + java.util.UUID.randomUUID();
    Path selfieFolder = Files.createTempDirectory("glimpse-selfie");
    Path selfie = selfieFolder.resolve("selfie.jpg");
    Files.write(selfie, withComment(Files.readAllBytes(deepface().resolve("img2.jpg")), marker));
    long searchedAt = System.currentTimeMillis();
    browser.findElement(By.id("selfieFile")).sendKeys(selfie.toString());
    wait.until(
        ExpectedConditions.textToBe(By.id("foundCount"), String.valueOf(SAME_PERSON.size())));
    Files.delete(selfie);
    Files.delete(selfieFolder);
    assertSelfieNowhere(marker, searchedAt);
    java.util.Set<String> found = new java.util.TreeSet<>();
    for (WebElement image : browser.findElements(By.cssSelector("#foundGrid .tile img"))) {
      String alt = image.getAttribute("alt");
      found.add(alt.substring(alt.lastIndexOf(", ") + 2));
    }
    assertEquals(new java.util.TreeSet<>(SAME_PERSON), found);
    assertEquals(
        SAME_PERSON.size(), browser.findElements(By.cssSelector("#foundGrid .face-box")).size());
    assertTrue(browser.findElement(By.id("findStatus")).getText().contains("Found 4 photos"));
    waitForImages("#foundGrid .tile img");
    screenshots("10-gallery-your-photos");
    lightboxStaysInItsGrid(galleryLink);

    List<WebElement> notMe = browser.findElements(By.cssSelector("#foundGrid .not-me"));
    String dropped =
        browser
            .findElements(By.cssSelector("#foundGrid .tile img"))
            .get(SAME_PERSON.size() - 1)
            .getAttribute("alt");
    notMe.get(SAME_PERSON.size() - 1).click();
    wait.until(
        ExpectedConditions.textToBe(By.id("foundCount"), String.valueOf(SAME_PERSON.size() - 1)));
    java.util.Set<String> kept = new java.util.TreeSet<>(found);
    kept.remove(dropped.substring(dropped.lastIndexOf(", ") + 2));

    String cookie = "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue();
    String zipUrl = browser.findElement(By.id("found:downloadAll")).getAttribute("href");
    HttpResponse<java.io.InputStream> zip =
        http.send(
            HttpRequest.newBuilder(URI.create(zipUrl)).header("Cookie", cookie).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, zip.statusCode());
    assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElse(""));
    assertTrue(
        zip.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
    java.util.Set<String> entries = new java.util.TreeSet<>();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(zip.body())) {
      for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.add(entry.getName());
        assertTrue(
            java.util.Arrays.equals(
                Files.readAllBytes(deepface().resolve(entry.getName())), in.readAllBytes()),
            entry.getName() + " is the original");
      }
    }
    assertEquals(kept, entries);

    String one =
        browser.findElement(By.cssSelector("#foundGrid .tile")).getAttribute("data-download");
    HttpResponse<byte[]> original =
        http.send(
            HttpRequest.newBuilder(URI.create(base + one)).header("Cookie", cookie).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, original.statusCode());
    String disposition = original.headers().firstValue("Content-Disposition").orElse("");
    String name = disposition.replaceAll(".*filename=\"([^\"]+)\".*", "$1");
    assertTrue(disposition.startsWith("attachment;"), disposition);
    assertTrue(
        java.util.Arrays.equals(Files.readAllBytes(deepface().resolve(name)), original.body()));
    HttpResponse<String> stranger =
        http.send(
            HttpRequest.newBuilder(URI.create(base + one)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(404, stranger.statusCode());
    assertTrue(stranger.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    HttpResponse<String> api =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/no-such-thing")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(api.body().startsWith("{\"error\""), "the API keeps JSON errors: " + api.body());

    addAnotherPhotoOfMe(kept);

    browser
        .findElement(By.id("selfieFile"))
        .sendKeys(deepface().resolve("selfie-many-people.jpg").toString());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("found:foundNote")));
    assertTrue(
        browser.findElements(By.id("selfiesUsed")).isEmpty(),
        "a new selfie starts a new search, of one photo");
    wait.until(driver -> driver.findElement(By.id("findMe")).getAttribute("aria-busy") == null);
    wait.until(driver -> driver.findElements(By.cssSelector(".selfie-face")).size() >= 2);
    waitForImages("#selfieImage");
    screenshots("11-gallery-several-faces");
    // one of the other faces is the person of the uploaded photos: picking it finds them
    List<String> others =
        browser.findElements(By.cssSelector(".selfie-face:not(.used)")).stream()
            .map(face -> face.getAttribute("data-face"))
            .toList();
    boolean foundHer = false;
    for (String face : others) {
      browser.findElement(By.cssSelector(".selfie-face[data-face='" + face + "']")).click();
      wait.until(
          driver ->
              face.equals(
                  driver
                      .findElement(By.cssSelector(".selfie-face.used"))
                      .getAttribute("data-face")));
      wait.until(driver -> driver.findElement(By.id("findMe")).getAttribute("aria-busy") == null);
      if (browser.findElement(By.id("foundCount")).getText().equals("4")) {
        foundHer = true;
        break;
      }
    }
    assertTrue(foundHer, "another face of the group selfie finds the uploaded person");

    browser.get(base + one.replaceAll("/\\d+$", "/999999999"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("errorTitle")));
    screenshots("12-error-page");
  }

  /**
   * "Add another photo of me", after a search that found {@code kept} (one photo marked "not me"):
   * the added photo's finds join them, the photo marked "not me" stays out, the added photo is on
   * no disk, and after the third photo the control is gone. Photos of two other people of the
   * upload stand in for more photos of the guest, so that what each adds shows in the count.
   */
  private void addAnotherPhotoOfMe(java.util.Set<String> kept) throws Exception {
    String marker = "glimpse-added-selfie-" + java.util.UUID.randomUUID();
    Path folder = Files.createTempDirectory("glimpse-selfie");
    Path added = folder.resolve("another.jpg");
    Files.write(added, withComment(Files.readAllBytes(deepface().resolve("img27.jpg")), marker));
    waitForImages("#foundGrid .tile img");
    screenshots("15-gallery-add-another", DESKTOP, PHONE_390);
    long addedAt = System.currentTimeMillis();
    browser.findElement(By.id("addSelfieFile")).sendKeys(added.toString());
    java.util.Set<String> expected = new java.util.TreeSet<>(kept);
    expected.add("img26.jpg"); // img27.jpg's person (df01) in the upload
    wait.until(ExpectedConditions.textToBe(By.id("foundCount"), String.valueOf(expected.size())));
    wait.until(driver -> driver.findElement(By.id("findMe")).getAttribute("aria-busy") == null);
    Files.delete(added);
    Files.delete(folder);
    assertSelfieNowhere(marker, addedAt);
    assertEquals(expected, foundFiles());
    assertTrue(
        browser.findElement(By.id("selfiesUsed")).getText().contains("2 of your photos"),
        browser.findElement(By.id("selfiesUsed")).getText());
    assertTrue(
        browser.findElement(By.id("findStatus")).getText().contains("searched with 2"),
        browser.findElement(By.id("findStatus")).getText());
    waitForImages("#foundGrid .tile img");
    screenshots("16-gallery-added-photo", DESKTOP, PHONE_390);

    // a photo without a face is refused, by its number, and leaves the search as it was
    browser
        .findElement(By.id("addSelfieFile"))
        .sendKeys(photos().resolveSibling("debian").resolve("chelsea.png").toString());
    wait.until(
        ExpectedConditions.textMatches(
            By.id("addStatus"), java.util.regex.Pattern.compile("^Selfie 3: no face found")));
    assertEquals(
        String.valueOf(expected.size()), browser.findElement(By.id("foundCount")).getText());

    browser
        .findElement(By.id("addSelfieFile"))
        .sendKeys(deepface().resolve("img48.jpg").toString());
    expected.add("img47.jpg"); // img48.jpg's person (df02)
    wait.until(ExpectedConditions.textToBe(By.id("foundCount"), String.valueOf(expected.size())));
    wait.until(driver -> driver.findElement(By.id("findMe")).getAttribute("aria-busy") == null);
    assertEquals(expected, foundFiles());
    assertTrue(
        browser.findElements(By.id("addSelfieFile")).isEmpty(),
        "three photos in all: the control is gone");
  }

  /** The file names of the photos "Your photos" shows. */
  private java.util.Set<String> foundFiles() {
    java.util.Set<String> found = new java.util.TreeSet<>();
    for (WebElement image : browser.findElements(By.cssSelector("#foundGrid .tile img"))) {
      String alt = image.getAttribute("alt");
      found.add(alt.substring(alt.lastIndexOf(", ") + 2));
    }
    return found;
  }

  /**
   * With "Your photos" above the event's photos, the lightbox pages through the grid it was opened
   * in: "Your photos" ends at its last photo; the event's photos go on to the last one through the
   * pages the lightbox loads, after a reload of the gallery. Closing it focuses the live tile.
   */
  private void lightboxStaysInItsGrid(String galleryLink) {
    int found = SAME_PERSON.size();
    browser.findElement(By.cssSelector("#foundGrid .tile")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lightbox")));
    for (int i = 2; i <= found + 1; i++) {
      new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
    }
    assertTrue(
        browser
            .findElement(By.id("lightboxCaption"))
            .getText()
            .startsWith("Your photo " + found + " of " + found),
        browser.findElement(By.id("lightboxCaption")).getText());
    new Actions(browser).sendKeys(Keys.ESCAPE).perform();
    WebElement focused = browser.switchTo().activeElement();
    assertEquals(String.valueOf(found - 1), focused.getAttribute("data-index"));
    assertTrue(focused.findElement(By.xpath("ancestor::*[@id='foundGrid']")).isDisplayed());

    browser.get(galleryLink);
    wait.until(ExpectedConditions.textToBe(By.id("foundCount"), String.valueOf(found)));
    browser.findElement(By.cssSelector("#photos\\:grid .tile")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lightbox")));
    By caption = By.id("lightboxCaption");
    for (int i = 2; i <= TOTAL; i++) {
      String expected = "Photo " + i + " of " + TOTAL;
      String before = "Photo " + (i - 1) + " of " + TOTAL;
      // a press before the next page has arrived does nothing: press again then
      wait.until(
          driver -> {
            String now = driver.findElement(caption).getText();
            if (now.startsWith(before)) {
              new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
              now = driver.findElement(caption).getText();
            }
            assertTrue(now.startsWith(before) || now.startsWith(expected), now);
            return now.startsWith(expected);
          });
    }
    new Actions(browser).sendKeys(Keys.ESCAPE).perform();
    assertEquals(
        String.valueOf(TOTAL - 1), browser.switchTo().activeElement().getAttribute("data-index"));
    assertTrue(
        browser
            .switchTo()
            .activeElement()
            .findElement(By.xpath("ancestor::*[@id='photos:grid']"))
            .isDisplayed());
  }

  /**
   * Thumbnails: long-lived private caching with a working ETag for the event's photographer, and
   * nothing at all without the session.
   */
  private void previewsAreCachedAndPrivate(String url, String session) throws Exception {
    HttpResponse<byte[]> first =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", "JSESSIONID=" + session)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, first.statusCode());
    assertEquals("image/jpeg", first.headers().firstValue("Content-Type").orElse(""));
    String cache = first.headers().firstValue("Cache-Control").orElse("");
    assertTrue(cache.contains("immutable") && cache.contains("max-age=31536000"), cache);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> again =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", "JSESSIONID=" + session)
                .header("If-None-Match", etag)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(304, again.statusCode());
    HttpResponse<byte[]> stranger =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(404, stranger.statusCode());
  }

  /** The code the tests after the first give the first test's event (6 characters or more). */
  private static final String GUEST_CODE = "sunny-garden-42";

  /**
   * At 390 px no page of the studio or the gallery scrolls sideways, with people shown to guests
   * too, and the photo viewer shows its photo on screen.
   */
  @Test
  @Order(2)
  void atPhoneWidthNoPageScrollsSidewaysAndTheViewerIsOnScreen() throws Exception {
    // an event of nine people with two photos each: more faces than a phone shows in a row
    signIn();
    browser.findElement(By.id("events:new")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("eventForm:name")))
        .sendKeys("Many faces");
    browser.findElement(By.id("eventForm:save")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("eventForm:name")));
    browser.findElement(By.linkText("Many faces")).click();
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Many faces"));
    String manyUrl = browser.getCurrentUrl();
    tab("Upload");
    List<String> pairs = new java.util.ArrayList<>();
    Map<String, List<String>> byPerson = new java.util.TreeMap<>();
    for (String line : Files.readAllLines(deepface().resolve("identities.tsv"))) {
      String[] cells = line.split("\t");
      if (cells.length == 2 && !cells[1].contains("reflection")) {
        byPerson.computeIfAbsent(cells[0], k -> new java.util.ArrayList<>()).add(cells[1]);
      }
    }
    byPerson.values().stream().limit(9).forEach(files -> pairs.addAll(files.subList(0, 2)));
    browser
        .findElement(By.id("uploadFiles"))
        .sendKeys(
            String.join("\n", pairs.stream().map(f -> deepface().resolve(f).toString()).toList()));
    new WebDriverWait(browser, Duration.ofSeconds(180))
        .until(
            ExpectedConditions.textMatches(
                By.id("progressText"), java.util.regex.Pattern.compile("^Done.*")));
    setAccess(idOf(manyUrl), GUEST_CODE, null, true);
    browser.navigate().refresh();
    String manyGallery =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("galleryLink")))
            .getAttribute("href");

    browser.manage().window().setSize(PHONE_390);
    for (String page :
        Stream.of(
                base + "/studio/events.xhtml",
                eventUrl,
                manyUrl,
                base + "/studio/team.xhtml",
                base + "/studio/password.xhtml")
            .filter(java.util.Objects::nonNull)
            .toList()) {
      browser.get(page);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main.page")));
      settle();
      assertNoSideScroll(page);
    }
    openGallery(manyGallery, GUEST_CODE, "Many faces");
    browser.manage().window().setSize(PHONE_390);
    wait.until(driver -> driver.findElements(By.cssSelector(".face-pick")).size() >= 5);
    waitForImages("#photos\\:grid .tile img");
    settle();
    screenshots("20-gallery-many-people", DESKTOP, PHONE_390);
    browser.manage().window().setSize(PHONE_390);
    settle();
    assertNoSideScroll("the gallery with people shown");
    browser.findElement(By.cssSelector("#photos\\:grid .tile")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lightbox")));
    waitForImages("#lightboxImage");
    settle();
    assertOnScreen("lightboxImage");
    Files.write(
        SCREENSHOTS.resolve("21-viewer-phone.png"), browser.getScreenshotAs(OutputType.BYTES));
    new Actions(browser).sendKeys(Keys.ESCAPE).perform();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("lightbox")));
    browser.manage().window().setSize(DESKTOP);
  }

  /**
   * A code too short for the guest-access form is a message beside the code field, as is an expiry
   * in the past: the page stays, never an error page.
   */
  @Test
  @Order(3)
  void aShortCodeIsAMessageBesideItsField() throws Exception {
    signIn();
    browser.get(eventUrl);
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Anna & Ben"));
    browser.findElement(By.id("access:code")).sendKeys("abc");
    browser.findElement(By.id("access:saveAccess")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("access:codeMessage"), "characters"));
    assertTrue(browser.findElements(By.id("errorTitle")).isEmpty(), "no error page");
    assertEquals("Anna & Ben", browser.findElement(By.id("eventName")).getText());
    screenshots("22-short-code", DESKTOP, PHONE_390);
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Anna & Ben"));
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('access:expires').value = '2001-02-03T10:00';");
    browser.findElement(By.id("access:saveAccess")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("access:expiresMessage"), "past"));
    assertTrue(browser.findElements(By.id("errorTitle")).isEmpty(), "no error page");
  }

  /** The README's address of the studio, {@code /studio/}, signs in and lands on the events. */
  @Test
  @Order(4)
  void signingInFromStudioSlashLandsOnTheEvents() {
    browser.manage().deleteAllCookies();
    browser.manage().window().setSize(DESKTOP);
    browser.get(base + "/studio/");
    wait.until(ExpectedConditions.urlContains("/studio/sign-in.xhtml"));
    browser.findElement(By.id("signIn:email")).sendKeys(EMAIL);
    browser.findElement(By.id("signIn:password")).sendKeys(PASSWORD);
    browser.findElement(By.id("signIn:submit")).click();
    wait.until(driver -> !driver.getCurrentUrl().contains("sign-in"));
    assertTrue(browser.findElements(By.id("errorTitle")).isEmpty(), browser.getPageSource());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("events:new")));
  }

  /**
   * A mistyped gallery link is "not found", not the code form; a closed or expired gallery says so
   * to guests, to those inside too, and the studio shows whether it is open, expired or closed, and
   * since when.
   */
  @Test
  @Order(5)
  void closedAndExpiredGalleriesSayWhatIsTrue() throws Exception {
    String typo = eventGallery + "x";
    assertEquals(
        404,
        http.send(
                HttpRequest.newBuilder(URI.create(typo)).build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
    browser.manage().deleteAllCookies();
    browser.get(typo);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("galleryNotFound")));
    assertTrue(browser.findElements(By.id("enter:code")).isEmpty(), "no code form");
    screenshots("23-gallery-not-found", DESKTOP, PHONE_390);

    setAccess(GUEST_CODE, null, true);
    openGallery(GUEST_CODE);
    closeAccess();
    // a photo the browser has not loaded yet (those it has come from its cache) no longer loads
    ((JavascriptExecutor) browser)
        .executeScript(
            "var grid = document.getElementById('photos:grid');"
                + "var image = document.createElement('img');"
                + "image.src = grid.querySelector('.tile img').src + '?not-cached=' + Date.now();"
                + "grid.appendChild(image);");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("galleryClosed")));
    assertTrue(
        browser
            .findElement(By.id("galleryClosed"))
            .getText()
            .contains("This gallery has closed; ask My studio for a new link"),
        browser.findElement(By.id("galleryClosed")).getText());
    screenshots("24-gallery-closed", DESKTOP, PHONE_390);
    signIn();
    browser.get(eventUrl);
    wait.until(
        ExpectedConditions.textMatches(
            By.id("accessState"), java.util.regex.Pattern.compile("^Closed on \\d.*")));

    // expired: a guest with the code form open types the right code after the end
    setAccess(GUEST_CODE, java.time.Instant.now().plusSeconds(6), true);
    browser.manage().deleteAllCookies();
    browser.get(eventGallery);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("enter:code")));
    Thread.sleep(7000);
    browser.findElement(By.id("enter:code")).sendKeys(GUEST_CODE);
    browser.findElement(By.id("enter:open")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("gallery"), "This gallery has closed; ask My studio for a new link"));
    browser.get(eventGallery);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("galleryClosed")));
    signIn();
    browser.get(eventUrl);
    wait.until(
        ExpectedConditions.textMatches(
            By.id("accessState"), java.util.regex.Pattern.compile("^Expired on \\d.*")));
    screenshots("25-studio-expired", DESKTOP, PHONE_390);
    setAccess(GUEST_CODE, null, true);
    browser.navigate().refresh();
    wait.until(
        ExpectedConditions.textMatches(
            By.id("accessState"), java.util.regex.Pattern.compile("^Open.*")));
  }

  /** Codes open the gallery whatever their case and spaces. */
  @Test
  @Order(6)
  void codesIgnoreCaseAndSpaces() throws Exception {
    setAccess("Garden Party 42", null, true);
    openGallery("gardenparty42");
    openGallery("  GARDEN party42 ");
    setAccess(GUEST_CODE, null, true);
  }

  /** The studio shows the code whenever asked, as set in the page or through the API. */
  @Test
  @Order(7)
  void theCodeStaysRetrievable() throws Exception {
    signIn();
    browser.get(eventUrl);
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Anna & Ben"));
    browser.findElement(By.id("access:code")).sendKeys("harbour-lights-9");
    browser.findElement(By.id("access:saveAccess")).click();
    wait.until(ExpectedConditions.textToBe(By.id("savedCode"), "harbour-lights-9"));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Anna & Ben"));
    assertEquals("harbour-lights-9", browser.findElement(By.id("savedCode")).getText());
    setAccess(GUEST_CODE, null, true);
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.id("savedCode"), GUEST_CODE));
  }

  /** Deleting an event says what goes: uploaded originals too. */
  @Test
  @Order(8)
  void theDeleteConfirmationSaysWhatHappens() throws Exception {
    signIn();
    browser.findElement(By.cssSelector(".event-card .ui-button-danger")).click();
    WebElement message =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".ui-confirm-dialog .ui-confirm-dialog-message")));
    String text = message.getText();
    assertTrue(!text.contains("original files stay"), text);
    assertTrue(text.contains("uploaded") && text.contains("deleted"), text);
    screenshots("26-delete-event", DESKTOP, PHONE_390);
    browser.findElement(By.cssSelector(".ui-confirm-dialog .ui-confirmdialog-no")).click();
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ui-confirm-dialog")));
  }

  /**
   * At phone width the New event dialog fits the screen, its date is typed, Escape in the date
   * field keeps the dialog and its edit, the date field covers no other field, a validation message
   * shows above the overlay; the gallery's end is typed with its time. Dates read as words.
   */
  @Test
  @Order(9)
  void datesAreTypedAndDialogsFit() throws Exception {
    signIn();
    browser.manage().window().setSize(PHONE_390);
    browser.navigate().refresh();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("events:new"))).click();
    WebElement name =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("eventForm:name")));
    settle();
    assertOnScreen("eventDialog");
    browser.findElement(By.id("eventForm:save")).click();
    // the message may be rendered twice (the validation's update replaces the element), so its
    // text is read from whatever element carries the id when it is there
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("eventForm:nameMessage"), "name"));
    assertOnTop("eventForm:nameMessage");
    name = browser.findElement(By.id("eventForm:name"));
    name.sendKeys("Typed date");
    WebElement date = browser.findElement(By.id("eventForm:date"));
    date.click();
    settle();
    assertOnTop("eventForm:name");
    typeDate(date, "06142031");
    date.sendKeys(Keys.ESCAPE);
    settle();
    assertTrue(
        browser.findElement(By.id("eventForm:name")).isDisplayed(), "Escape kept the dialog");
    assertEquals("Typed date", browser.findElement(By.id("eventForm:name")).getAttribute("value"));
    screenshots("27-new-event-dialog", DESKTOP, PHONE_390);
    browser.manage().window().setSize(PHONE_390);
    browser.findElement(By.id("eventForm:save")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("eventForm:name")));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("events:list"), "14 June 2031"));
    assertTrue(
        !java.util.regex.Pattern.compile("\\d{4}-\\d\\d-\\d\\d")
            .matcher(browser.findElement(By.id("events:list")).getText())
            .find(),
        "no ISO dates: " + browser.findElement(By.id("events:list")).getText());

    browser.get(eventUrl);
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Anna & Ben"));
    WebElement until = browser.findElement(By.id("access:expires"));
    typeDate(until, "06142031" + Keys.TAB + "0630P"); // the year takes more digits: Tab to the time
    browser.findElement(By.id("access:saveAccess")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("accessState"), "Open until 14 June 2031, 18:30"));
    setAccess(GUEST_CODE, null, true);
  }

  /** Print gives the card to hand out (link, code, QR code), nothing of the studio page. */
  @Test
  @Order(10)
  void printGivesTheCardAlone() throws Exception {
    signIn();
    browser.get(eventUrl);
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Anna & Ben"));
    waitForImages("#qrCode");
    browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    try {
      assertTrue(browser.findElement(By.id("printCard")).isDisplayed(), "the card prints");
      assertTrue(browser.findElement(By.id("qrCode")).isDisplayed(), "with its QR code");
      assertEquals(GUEST_CODE, browser.findElement(By.id("savedCode")).getText());
      for (String hidden :
          List.of(
              "access:code", "access:expires", "peopleForm", "photosForm", "imports", "privacy")) {
        assertTrue(!browser.findElement(By.id(hidden)).isDisplayed(), hidden + " does not print");
      }
      assertTrue(
          browser.findElements(By.cssSelector(".person, .portrait")).stream()
              .noneMatch(WebElement::isDisplayed),
          "no guest's face prints");
      screenshots("28-print-card", DESKTOP, PHONE_390);
    } finally {
      browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }
  }

  /**
   * The card and the poster (/studio/events/{id}/card): what Chromium prints is one page of A6 or
   * A4 with the event's name, the link, the code, the instructions, the studio and one image (the
   * QR code); nobody but the event's staff reaches it.
   */
  @Test
  @Order(10)
  void theCardPrintsOnOnePageWithTheQrCode() throws Exception {
    signIn();
    browser.get(eventUrl);
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Anna & Ben"));
    browser.findElement(By.id("access:card")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cardQr")));
    waitForImages("#cardQr");
    screenshots("29-event-card", DESKTOP, PHONE_390);
    String link = browser.findElement(By.id("cardLink")).getText();
    for (String size : List.of("a6", "a4")) {
      if (size.equals("a4")) {
        browser.findElement(By.id("otherSize")).click();
        wait.until(ExpectedConditions.urlContains("size=a4"));
        waitForImages("#cardQr");
      }
      // as the browser's print dialog does with the page's own @page size
      Map<String, Object> printed =
          browser.executeCdpCommand(
              "Page.printToPDF", Map.of("preferCSSPageSize", true, "printBackground", true));
      byte[] pdf = java.util.Base64.getDecoder().decode((String) printed.get("data"));
      Files.write(SCREENSHOTS.resolve("29-event-card-" + size + ".pdf"), pdf);
      try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
        assertEquals(1, document.getNumberOfPages(), size + ": one page");
        String text =
            new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        for (String expected :
            List.of(
                "Anna & Ben",
                link,
                "Code " + GUEST_CODE,
                "Find me",
                "Scan the QR code",
                "Photos by")) {
          assertTrue(text.contains(expected), size + " lacks " + expected + ": " + text);
        }
        assertFalse(text.contains("Back to the event"), "the page's buttons do not print");
        int images = 0;
        for (var name : document.getPage(0).getResources().getXObjectNames()) {
          images +=
              document.getPage(0).getResources().getXObject(name)
                      instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject
                  ? 1
                  : 0;
        }
        assertEquals(1, images, size + ": the QR code is the one image");
        float width = document.getPage(0).getMediaBox().getWidth();
        assertEquals(
            size.equals("a6") ? 298 : 595, width, 3, size + ": the sheet's width in points");
      }
    }
    browser.manage().deleteAllCookies();
    browser.get(base + "/studio/events/" + eventUrl.replaceAll(".*id=", "") + "/card");
    wait.until(ExpectedConditions.urlContains("/studio/sign-in.xhtml"));
  }

  /**
   * The gallery's tab says its event, pages have an icon, one photo is "1 photo", the upload's
   * "importing" goes once the import is done, the confirmation of removing a photographer says
   * "Remove".
   */
  @Test
  @Order(11)
  void smallThings() throws Exception {
    openGallery(GUEST_CODE);
    wait.until(driver -> driver.getTitle().startsWith("Anna & Ben"));
    String icon = browser.findElement(By.cssSelector("link[rel=icon]")).getAttribute("href");
    assertEquals(
        200,
        http.send(
                HttpRequest.newBuilder(URI.create(icon)).build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());

    signIn();
    browser.findElement(By.id("events:new")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("eventForm:name")))
        .sendKeys("One photo");
    browser.findElement(By.id("eventForm:save")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("eventForm:name")));
    browser.findElement(By.linkText("One photo")).click();
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "One photo"));
    tab("Upload");
    browser.findElement(By.id("uploadFiles")).sendKeys(deepface().resolve("img1.jpg").toString());
    new WebDriverWait(browser, Duration.ofSeconds(90))
        .until(
            ExpectedConditions.textMatches(
                By.id("progressText"), java.util.regex.Pattern.compile("^Done.*")));
    String done = browser.findElement(By.id("progressText")).getText();
    assertTrue(done.startsWith("Done: 1 photo,"), done);
    wait.until(
        driver -> !driver.findElement(By.id("uploadStatus")).getText().contains("importing"));

    browser.get(base + "/studio/team.xhtml");
    browser.findElement(By.id("add:email")).sendKeys("helper@studio.test");
    browser.findElement(By.id("add:addButton")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("generatedPassword")));
    browser.findElement(By.cssSelector("#members .ui-button-danger")).click();
    WebElement yes =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".ui-confirm-dialog .ui-confirmdialog-yes")));
    assertEquals("Remove", yes.getText());
    yes.click();
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ui-confirm-dialog")));
  }

  /**
   * Issue 16's curating in the studio: a tap and a shift-tap select a range on the grid, which goes
   * into a new set; one photo becomes the cover and another is hidden (their badges say so). The
   * guest then sees the cover behind the title, one photo fewer, and browses by set.
   */
  @Test
  @Order(13)
  void photographerCuratesAndGuestsBrowseBySet() throws Exception {
    GlimpseClient api = GlimpseClient.signIn(path -> URI.create(base + path), EMAIL, PASSWORD);
    long event = api.createEvent("Curated day");
    api.awaitCompleted(api.importFolder(event, photos()));
    setAccess(event, "curate-code-12", null, false);
    String slug =
        Api.object(api.send("GET", "/api/v1/events/" + event, null), 200).getString("slug");

    signIn();
    browser.get(base + "/studio/event.xhtml?id=" + event);
    wait.until(
        driver ->
            driver.findElements(By.cssSelector("#photosForm\\:photos .thumb img")).size() == 6);
    waitForImages("#photosForm\\:photos .thumb img");
    List<WebElement> thumbs = browser.findElements(By.cssSelector("#photosForm\\:photos .thumb"));
    thumbs.get(0).click();
    new org.openqa.selenium.interactions.Actions(browser)
        .keyDown(org.openqa.selenium.Keys.SHIFT)
        .click(thumbs.get(2))
        .keyUp(org.openqa.selenium.Keys.SHIFT)
        .perform();
    assertEquals("3 selected", browser.findElement(By.id("selectedCount")).getText());
    browser.findElement(By.id("photosForm:newSetName")).sendKeys("Ceremony");
    browser.findElement(By.id("photosForm:addToSet")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("messages"), "“Ceremony” has 3 photos."));
    wait.until(
        driver ->
            driver.findElements(By.cssSelector("#sets .set-name")).size() == 1
                && driver.findElement(By.id("selectedCount")).getText().equals("None selected"));

    browser.findElements(By.cssSelector("#photosForm\\:photos .thumb")).get(1).click();
    browser.findElement(By.id("photosForm:coverPhoto")).click();
    wait.until(
        driver ->
            driver.findElements(By.cssSelector("#photosForm\\:photos .cover-badge")).size() == 1);
    browser.findElements(By.cssSelector("#photosForm\\:photos .thumb")).get(5).click();
    browser.findElement(By.id("photosForm:hidePhotos")).click();
    wait.until(
        driver ->
            driver.findElements(By.cssSelector("#photosForm\\:photos .thumb.is-hidden")).size()
                == 1);
    browser.findElements(By.cssSelector("#photosForm\\:photos .thumb")).get(4).click();
    assertEquals("1 selected", browser.findElement(By.id("selectedCount")).getText());
    screenshots("40-studio-curate", DESKTOP, PHONE_390);
    assertNoSideScroll("the studio's event page");

    openGallery(base + "/g/" + slug, "curate-code-12", "Curated day");
    waitForImages("#galleryCover");
    assertEquals("5", browser.findElement(By.id("photoCount")).getText(), "one photo hidden");
    List<WebElement> chips = browser.findElements(By.cssSelector("#sets .set-chip"));
    assertEquals(2, chips.size(), "All and Ceremony");
    assertTrue(chips.get(1).getText().startsWith("Ceremony"), chips.get(1).getText());
    screenshots("41-gallery-cover-sets", DESKTOP, PHONE_390);
    chips.get(1).click();
    wait.until(ExpectedConditions.textToBe(By.id("gridTitle"), "Ceremony"));
    wait.until(driver -> driver.findElements(By.cssSelector("#photos\\:grid .tile")).size() == 3);
    browser.manage().window().setSize(PHONE_390);
    settle();
    assertNoSideScroll("the gallery of a set at 390 px");
    browser.manage().window().setSize(DESKTOP);
    api.send("DELETE", "/api/v1/events/" + event, null);
  }

  /**
   * Favourites (issue 16): at 390 px a guest hearts a photo, gives their name in the dialog it
   * opens, hearts another in the viewer, meets the photographer's limit, keeps the list across a
   * reload, sees it and sends it; at 1366 px a second guest does the same. The studio's part then
   * shows both lists with the hearts per photo, marks the first guest as the client, and its
   * downloads hold what the guests picked.
   */
  @Test
  @Order(12)
  void guestsHeartPhotosAndTheStudioSeesTheirFavourites() throws Exception {
    setAccess(GUEST_CODE, null, false);
    GlimpseClient studio = GlimpseClient.signIn(path -> URI.create(base + path), EMAIL, PASSWORD);
    studio.limitSelection(eventId(), 3);

    openGallery(GUEST_CODE);
    browser.manage().window().setSize(PHONE_390);
    settle();
    assertTrue(
        browser.findElements(By.id("favouritesCard")).isEmpty(),
        "no favourites card before the first heart");
    hearts().get(0).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("favIntro:favName")));
    assertOnScreen("favNameDialog");
    assertTrue(
        browser.findElement(By.id("favNameDialog")).getText().contains("up to 3 photos"),
        "the dialog tells the limit");
    Files.write(
        SCREENSHOTS.resolve("30-favourites-name-phone.png"),
        browser.getScreenshotAs(OutputType.BYTES));
    browser.findElement(By.id("favIntro:favSave")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("favIntro:favNameMessage"), "Enter your name"));
    browser.findElement(By.id("favIntro:favName")).sendKeys("Eva Gast"); // the form was re-rendered
    browser.findElement(By.id("favIntro:favEmail")).sendKeys("eva@guest.test");
    browser.findElement(By.id("favIntro:favSave")).click();
    wait.until(ExpectedConditions.textToBe(By.id("favCount"), "1 of 3"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("favIntro:favName")));
    wait.until(driver -> "true".equals(hearts().get(0).getAttribute("aria-pressed")));

    // the viewer's heart hearts the photo it shows
    browser.findElements(By.cssSelector("#photos\\:grid .tile")).get(1).click();
    WebElement viewerHeart =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lightboxHeart")));
    assertEquals("false", viewerHeart.getAttribute("aria-pressed"));
    viewerHeart.click();
    wait.until(ExpectedConditions.textToBe(By.id("favCount"), "2 of 3"));
    wait.until(ExpectedConditions.attributeToBe(By.id("lightboxHeart"), "aria-pressed", "true"));
    browser.findElement(By.cssSelector("#lightbox .lb-close")).click();
    wait.until(driver -> "true".equals(hearts().get(1).getAttribute("aria-pressed")));

    // a third, then the limit: the fourth stays out, and the guest is told why
    hearts().get(2).click();
    wait.until(ExpectedConditions.textToBe(By.id("favCount"), "3 of 3"));
    hearts().get(3).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("favStatus"), "3 of 3 photos"));
    assertEquals("false", hearts().get(3).getAttribute("aria-pressed"));
    hearts().get(2).click(); // out again, and the fourth fits
    wait.until(ExpectedConditions.textToBe(By.id("favCount"), "2 of 3"));
    hearts().get(3).click();
    wait.until(ExpectedConditions.textToBe(By.id("favCount"), "3 of 3"));

    // the same list after a reload, in this browser
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.id("favCount"), "3 of 3"));
    wait.until(driver -> "true".equals(hearts().get(3).getAttribute("aria-pressed")));
    assertEquals("true", hearts().get(0).getAttribute("aria-pressed"));
    assertEquals("false", hearts().get(2).getAttribute("aria-pressed"));
    assertNoSideScroll("gallery with hearts at 390 px");

    browser.findElement(By.id("favourites:showFavourites")).click();
    wait.until(
        driver -> driver.findElements(By.cssSelector("#favGrid .grid-cell img")).size() == 3);
    waitForImages("#favGrid img");
    screenshots("31-favourites", DESKTOP, PHONE_390);

    browser.manage().window().setSize(PHONE_390);
    settle();
    browser.findElement(By.id("favourites:submitFavourites")).click();
    WebElement send =
        wait.until(ExpectedConditions.elementToBeClickable(By.id("favourites:favSend")));
    assertOnScreen("favourites:favConfirmDialog");
    Files.write(
        SCREENSHOTS.resolve("32-favourites-confirm-phone.png"),
        browser.getScreenshotAs(OutputType.BYTES));
    send.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("favSent")));
    wait.until(driver -> hearts().get(0).getAttribute("class").contains("locked"));
    hearts().get(2).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("favStatus"), "no longer change"));
    assertEquals("false", hearts().get(2).getAttribute("aria-pressed"), "sent: locked");
    assertTrue(browser.findElements(By.id("favourites:submitFavourites")).isEmpty());
    screenshots("33-favourites-sent", DESKTOP, PHONE_390);

    // a second guest, at desktop width, whose name a spreadsheet would take for a formula
    openGallery(GUEST_CODE);
    hearts().get(0).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("favIntro:favName")))
        .sendKeys("=1+1 Tom");
    browser.findElement(By.id("favIntro:favSave")).click();
    wait.until(ExpectedConditions.textToBe(By.id("favCount"), "1 of 3"));
    browser.findElement(By.id("favourites:submitFavourites")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("favourites:favSend"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("favSent")));

    // the studio
    signIn();
    browser.get(eventUrl);
    WebElement part =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("favouritesPart")));
    String text = part.getText();
    assertTrue(text.contains("Eva Gast") && text.contains("eva@guest.test"), text);
    assertTrue(text.contains("3 of 3 photos") && text.contains("1 of 3 photos"), text);
    assertTrue(text.contains("Sent"), text);
    assertEquals(
        "3", browser.findElement(By.id("favouritesForm:selectionLimit")).getAttribute("value"));
    List<WebElement> counts = browser.findElements(By.cssSelector("#favouriteHearts .badge"));
    assertEquals(3, counts.size(), "three photos hearted");
    assertEquals("\u2665 2", counts.get(0).getText(), "the photo both guests hearted first");
    browser
        .findElements(By.cssSelector("#favouritesForm\\:favouriteGuests .client-mark input"))
        .get(0)
        .click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#favouritesForm\\:favouriteGuests .badge.client")));
    waitForImages("#favouritesPart img");
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('favouritesPart').scrollIntoView();");
    screenshots("34-studio-favourites");
    // the phone's whole page is taller than a screenshot takes: the part alone as well
    browser.manage().window().setSize(PHONE_390);
    settle();
    Files.write(
        SCREENSHOTS.resolve("35-studio-favourites-part-phone.png"),
        browser.findElement(By.id("favouritesPart")).getScreenshotAs(OutputType.BYTES));
    assertNoSideScroll("studio favourites at 390 px");
    browser.manage().window().setSize(DESKTOP);
    settle();

    String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
    HttpResponse<String> csv = download("exportCsv", session);
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(csv.body().contains("\"Eva Gast\",\"eva@guest.test\",\"yes\""), csv.body());
    assertTrue(csv.body().contains("\"'=1+1 Tom\""), "a formula stays text: " + csv.body());
    assertEquals(4 + 1, csv.body().split("\r\n").length, csv.body());
    HttpResponse<String> names = download("exportFileNames", session);
    assertEquals(3, names.body().lines().count(), "the client's three: " + names.body());
    assertTrue(names.body().lines().allMatch(line -> line.endsWith(".jpg")), names.body());

    // the limit from the studio
    WebElement limit = browser.findElement(By.id("favouritesForm:selectionLimit"));
    limit.clear();
    limit.sendKeys("40");
    browser.findElement(By.id("favouritesForm:saveLimit")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "up to 40 photos"));
    assertEquals(40, studio.favourites(eventId()).getInt("selectionLimit"));
  }

  /** The hearts of the gallery's grid, in its order. */
  private List<WebElement> hearts() {
    return browser.findElements(By.cssSelector("#photos\\:grid .heart"));
  }

  /** What the studio's download link {@code id} serves to the session {@code session}. */
  private HttpResponse<String> download(String id, String session) throws Exception {
    String href = browser.findElement(By.id("favouritesForm:" + id)).getAttribute("href");
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "JSESSIONID=" + session)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
    return response;
  }

  /**
   * Issue 16: the studio's Delivery section (web size, a text watermark with its live preview, a
   * download PIN), then the gallery as guests get it: the mark in the viewer, "Download (web
   * size)", the PIN asked once in a small dialog (a wrong one a message beside the field); with
   * "none" no download link. Both widths, no side scroll; the settings are put back at the end.
   */
  @Test
  @Order(14)
  void deliveryInTheStudioAndTheGallery() throws Exception {
    setAccess(GUEST_CODE, null, true);
    signIn();
    browser.get(eventUrl);
    wait.until(ExpectedConditions.textToBe(By.id("eventName"), "Anna & Ben"));
    // the studio's logo: a JPEG is refused beside the field, a PNG is taken and offered as the mark
    browser.findElement(By.id("logoFile")).sendKeys(photos().resolve("sample1.jpg").toString());
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("logoMessage"), "not a PNG"));
    Path png = Files.createTempFile("glimpse-logo", ".png");
    java.awt.image.BufferedImage badge =
        new java.awt.image.BufferedImage(240, 90, java.awt.image.BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = badge.createGraphics();
    g.setColor(new java.awt.Color(150, 20, 40));
    g.fillRoundRect(0, 0, 240, 90, 30, 30);
    g.dispose();
    javax.imageio.ImageIO.write(badge, "png", png.toFile());
    browser.findElement(By.id("logoFile")).sendKeys(png.toString());
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("logoMessage"), "The studio has a logo."));
    assertTrue(browser.findElement(By.id("delivery:mark:2")).isEnabled(), "the logo is offered");
    WebElement section = browser.findElement(By.id("deliverySection"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", section);
    String before = browser.findElement(By.id("markPreview")).getAttribute("src");
    assertTrue(before.startsWith("data:image/jpeg;base64,"), "a preview of the first photo");
    browser.findElement(By.cssSelector("label[for='delivery:downloads:1']")).click();
    browser.findElement(By.cssSelector("label[for='delivery:mark:1']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("delivery:markText")))
        .sendKeys("© Anna & Ben");
    wait.until(
        driver -> !before.equals(driver.findElement(By.id("markPreview")).getAttribute("src")));
    browser.findElement(By.id("delivery:newPin")).sendKeys("12");
    browser.findElement(By.id("delivery:saveDelivery")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("delivery:newPinMessage"), "4 to 32"));
    assertTrue(browser.findElements(By.id("errorTitle")).isEmpty(), "no error page");
    WebElement pin = browser.findElement(By.id("delivery:newPin"));
    pin.clear();
    pin.sendKeys("2468");
    browser.findElement(By.id("delivery:saveDelivery")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("messages"), "Delivery settings saved."));
    ((JavascriptExecutor) browser)
        .executeScript(
            "arguments[0].scrollIntoView();", browser.findElement(By.id("deliverySection")));
    screenshots("50-studio-delivery", DESKTOP, PHONE_390);
    browser.manage().window().setSize(new Dimension(PHONE_390.width, 2400));
    settle();
    assertNoSideScroll("the event page with its delivery section");
    // the whole page at 390 px is taller than a screenshot takes: the section alone
    WebElement phoneSection = browser.findElement(By.id("deliverySection"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", phoneSection);
    settle();
    Files.write(
        SCREENSHOTS.resolve("50-studio-delivery-section-phone.png"),
        phoneSection.getScreenshotAs(OutputType.BYTES));
    browser.manage().window().setSize(DESKTOP);
    String settings = deliveryApi("GET", null);
    assertTrue(settings.contains("\"downloads\":\"web\""), settings);
    assertTrue(settings.contains("\"downloadPin\":true"), settings);
    assertTrue(settings.contains("© Anna & Ben"), settings);

    openGallery(GUEST_CODE);
    browser.findElements(By.cssSelector("#photos\\:grid .tile")).get(0).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lightbox")));
    waitForImages("#lightboxImage");
    assertTrue(
        browser.findElement(By.id("lightboxImage")).getAttribute("src").contains("?v="),
        "the viewer shows the watermark's generation");
    WebElement download = browser.findElement(By.id("lightboxDownload"));
    assertEquals("Download (web size)", download.getText());
    screenshots("51-gallery-watermark", DESKTOP, PHONE_390);
    download.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("downloadPin")))
        .sendKeys("1111");
    Object covered =
        ((JavascriptExecutor) browser)
            .executeScript(
                """
                var b = document.getElementById('unlock').getBoundingClientRect();
                var at = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
                return at ? at.tagName + '#' + at.id + '.' + at.className : 'nothing';
                """);
    browser.findElement(By.id("downloadPin")).sendKeys(Keys.ENTER);
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .withMessage(
            () ->
                "a wrong PIN is a message beside its field (at the button: "
                    + covered
                    + "); browser log: "
                    + browserLog())
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("downloadPinMessage"), "not right"));
    assertFalse(
        browser.findElement(By.id("lightbox")).isDisplayed(), "the viewer gave way to the dialog");
    screenshots("52-gallery-download-pin", DESKTOP, PHONE_390);
    browser.manage().window().setSize(PHONE_390);
    settle();
    assertOnScreen("pinDialog");
    browser.manage().window().setSize(DESKTOP);
    WebElement field = browser.findElement(By.id("downloadPin"));
    field.clear();
    field.sendKeys("2468");
    browser.findElement(By.id("unlock")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .withMessage(() -> "the right PIN closes the dialog (at the button: " + covered + ")")
        .until(ExpectedConditions.invisibilityOfElementLocated(By.id("pinDialog")));
    assertEquals(
        "false",
        browser.findElement(By.id("downloadRules")).getAttribute("data-pin-needed"),
        "asked once per session");

    deliveryApi("PUT", "{\"downloads\":\"none\",\"watermark\":null,\"downloadPin\":null}");
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.id("galleryTitle"), "Anna & Ben"));
    browser.findElements(By.cssSelector("#photos\\:grid .tile")).get(0).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lightbox")));
    assertFalse(
        browser.findElement(By.id("lightboxDownload")).isDisplayed(), "no downloads: no link");
    screenshots("53-gallery-no-downloads", DESKTOP, PHONE_390);
    deliveryApi("PUT", "{\"downloads\":\"original\",\"watermark\":null,\"downloadPin\":null}");
  }

  /** A call of {@code /api/v1/events/{id}/delivery} on the first test's event: its body (200). */
  private String deliveryApi(String method, String json) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/events/" + eventId() + "/delivery"))
                .header("Authorization", "Bearer " + apiToken())
                .header("Content-Type", "application/json")
                .method(
                    method,
                    json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return answer.body();
  }

  /**
   * Issue 16's brand: on the studio's Brand page a colour white text cannot be read on is refused
   * beside its field, with the contrast it has; a dark one is saved, and the gallery's code page
   * then names the studio and its button takes the colour. The colour is taken back at the end.
   */
  @Test
  @Order(15)
  void theStudiosBrandReachesTheGallery() throws Exception {
    signIn();
    browser.findElement(By.id("brandLink")).click();
    WebElement accent =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("brand:accent")));
    accent.clear();
    accent.sendKeys("#7dd3fc");
    browser.findElement(By.id("brand:save")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("brand:accentMessage"), ":1"));
    assertTrue(
        browser.findElement(By.id("brand:accentMessage")).getText().contains("1.7:1"),
        browser.findElement(By.id("brand:accentMessage")).getText());
    browser.findElement(By.id("brand:accent")).clear();
    browser.findElement(By.id("brand:accent")).sendKeys("#9D174D");
    browser.findElement(By.id("brand:save")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("messages"), "Your brand is saved."));
    screenshots("42-studio-brand", DESKTOP, PHONE_390);
    assertNoSideScroll("the Brand page");

    browser.manage().deleteAllCookies();
    browser.get(eventGallery);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("enter:code")));
    assertEquals("MY STUDIO", browser.findElement(By.id("studioName")).getText().toUpperCase());
    // the theme's buttons fade their colour in (a transition), so the colour is awaited
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .withMessage(
            () ->
                "the button takes the studio's colour: "
                    + browser.findElement(By.id("enter:open")).getCssValue("background-color"))
        .until(
            driver ->
                org.openqa.selenium.support.Color.fromString(
                        driver.findElement(By.id("enter:open")).getCssValue("background-color"))
                    .asHex()
                    .equals("#9d174d"));
    screenshots("43-gallery-code-brand", DESKTOP, PHONE_390);

    signIn();
    browser.get(base + "/studio/brand.xhtml");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("brand:accent"))).clear();
    browser.findElement(By.id("brand:save")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("messages"), "Your brand is saved."));
  }

  /** Types {@code keys} into a date or date-and-time field, as a person would. */
  private void typeDate(WebElement field, String keys) {
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].blur(); arguments[0].focus();", field);
    field.sendKeys(keys);
  }

  /** A fresh browser signed in to the studio, on the events page. */
  private void signIn() {
    browser.manage().deleteAllCookies();
    browser.manage().window().setSize(DESKTOP);
    browser.get(base + "/studio/events.xhtml");
    wait.until(ExpectedConditions.urlContains("/studio/sign-in.xhtml"));
    browser.findElement(By.id("signIn:email")).sendKeys(EMAIL);
    browser.findElement(By.id("signIn:password")).sendKeys(PASSWORD);
    browser.findElement(By.id("signIn:submit")).click();
    wait.until(ExpectedConditions.urlContains("/studio/events.xhtml"));
  }

  /** A fresh guest enters the first test's gallery with {@code code}. */
  private void openGallery(String code) {
    openGallery(eventGallery, code, "Anna & Ben");
  }

  private void openGallery(String link, String code, String title) {
    browser.manage().deleteAllCookies();
    browser.manage().window().setSize(DESKTOP);
    browser.get(link);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("enter:code")));
    browser.findElement(By.id("enter:code")).sendKeys(code);
    browser.findElement(By.id("enter:open")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .withMessage(() -> "the code " + code + " opens the gallery")
        .until(ExpectedConditions.textToBe(By.id("galleryTitle"), title));
  }

  private long eventId() {
    assertNotNull(eventUrl, "the first test made the event");
    return idOf(eventUrl);
  }

  private static long idOf(String eventPage) {
    var id = java.util.regex.Pattern.compile("[?&]id=(\\d+)").matcher(eventPage);
    assertTrue(id.find(), eventPage);
    return Long.parseLong(id.group(1));
  }

  private String apiToken() throws Exception {
    return GlimpseClient.signIn(path -> URI.create(base + path), EMAIL, PASSWORD).token();
  }

  /** Opens the first test's gallery through the API with {@code code}, until {@code until}. */
  private void setAccess(String code, java.time.Instant until, boolean peopleVisible)
      throws Exception {
    setAccess(eventId(), code, until, peopleVisible);
  }

  private void setAccess(long event, String code, java.time.Instant until, boolean peopleVisible)
      throws Exception {
    HttpResponse<String> set =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/events/" + event + "/access"))
                .header("Authorization", "Bearer " + apiToken())
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"code\":\""
                            + code
                            + "\",\"faceSearch\":true,\"peopleVisible\":"
                            + peopleVisible
                            + (until == null ? "" : ",\"expiresAt\":\"" + until + "\"")
                            + "}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, set.statusCode(), set.body());
  }

  private void closeAccess() throws Exception {
    HttpResponse<String> closed =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/events/" + eventId() + "/access"))
                .header("Authorization", "Bearer " + apiToken())
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, closed.statusCode(), closed.body());
  }

  /** The page is no wider than the window: nothing scrolls sideways. */
  private void assertNoSideScroll(String page) {
    @SuppressWarnings("unchecked")
    List<Object> found =
        (List<Object>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "var width = window.innerWidth, wide = [];"
                        + "document.querySelectorAll('body *').forEach(function (e) {"
                        + "  var r = e.getBoundingClientRect();"
                        + "  if (r.width > 0 && r.right > width + 1 && wide.length < 5) {"
                        + "    wide.push(e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(r.right));"
                        + "  }"
                        + "});"
                        + "return [document.documentElement.scrollWidth, width, wide.join('; ')];");
    long scroll = (Long) found.get(0);
    long width = (Long) found.get(1);
    assertTrue(
        scroll <= width,
        page + " is " + scroll + " px wide in a " + width + " px window: " + found.get(2));
  }

  /** The element is inside the window, whole. */
  private void assertOnScreen(String id) {
    @SuppressWarnings("unchecked")
    List<Object> box =
        (List<Object>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "var r = document.getElementById(arguments[0]).getBoundingClientRect();"
                        + "return [r.left, r.top, r.right, r.bottom, window.innerWidth,"
                        + " window.innerHeight];",
                    id);
    double left = ((Number) box.get(0)).doubleValue();
    double top = ((Number) box.get(1)).doubleValue();
    double right = ((Number) box.get(2)).doubleValue();
    double bottom = ((Number) box.get(3)).doubleValue();
    double width = ((Number) box.get(4)).doubleValue();
    double height = ((Number) box.get(5)).doubleValue();
    assertTrue(
        left >= -1 && top >= -1 && right <= width + 1 && bottom <= height + 1 && right > left,
        id + " at " + box + " is not on screen");
  }

  /** Nothing covers the middle of the element: it is what a tap there reaches. */
  private void assertOnTop(String id) {
    Object top =
        ((JavascriptExecutor) browser)
            .executeScript(
                "var e = document.getElementById(arguments[0]), r = e.getBoundingClientRect();"
                    + "var at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                    + "return e.contains(at) ? '' : at ? at.tagName + '#' + at.id + '.' + at.className : 'nothing';",
                id);
    assertEquals("", top, id + " is covered by");
  }

  private static String browserLog() {
    StringBuilder log = new StringBuilder();
    browser
        .manage()
        .logs()
        .get(LogType.BROWSER)
        .forEach(entry -> log.append('\n').append(entry.getMessage()));
    return log.toString();
  }

  /** Waits until every image matched by {@code css} has loaded (and is not broken). */
  private void waitForImages(String css) {
    wait.until(
        driver ->
            (Boolean)
                ((JavascriptExecutor) driver)
                    .executeScript(
                        "var images = document.querySelectorAll(arguments[0]);"
                            + "return images.length > 0 && Array.prototype.every.call(images,"
                            + " function (i) { return i.complete && i.naturalWidth > 0; });",
                        css));
  }

  /**
   * The current page at desktop and at phone width, each as a whole page (the window is made as
   * tall as the page), then back at desktop size.
   */
  private void screenshots(String name) throws IOException {
    screenshots(name, DESKTOP, PHONE);
  }

  /** As {@link #screenshots(String)}, at a desktop and a phone size of the caller's choice. */
  private void screenshots(String name, Dimension desktop, Dimension phone) throws IOException {
    JavascriptExecutor script = browser;
    for (Map.Entry<String, Dimension> size :
        List.of(Map.entry("desktop", desktop), Map.entry("phone", phone))) {
      browser.manage().window().setSize(size.getValue());
      settle();
      long chrome = (Long) script.executeScript("return window.outerHeight - window.innerHeight;");
      long page = (Long) script.executeScript("return document.documentElement.scrollHeight;");
      int height = (int) Math.min(4000, Math.max(size.getValue().height, page + chrome));
      browser.manage().window().setSize(new Dimension(size.getValue().width, height));
      settle();
      Files.write(
          SCREENSHOTS.resolve(name + "-" + size.getKey() + ".png"),
          browser.getScreenshotAs(OutputType.BYTES));
      axeReport(name + "-" + size.getKey());
    }
    browser.manage().window().setSize(DESKTOP);
    settle();
  }

  /**
   * With {@code GLIMPSE_AXE} naming axe-core's {@code axe.min.js}, the page's serious and critical
   * accessibility violations are appended to {@code target/axe-report.txt}: a measurement for the
   * accessibility work still to come, not a check.
   */
  private static void axeReport(String page) throws IOException {
    String axe = System.getenv("GLIMPSE_AXE");
    if (axe == null || !Files.isRegularFile(Path.of(axe))) {
      return;
    }
    JavascriptExecutor script = browser;
    script.executeScript(Files.readString(Path.of(axe)));
    Object found =
        script.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + " axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + " done(r.violations.filter(function (v) {"
                + " return v.impact === 'serious' || v.impact === 'critical'; })"
                + ".map(function (v) { return v.impact + ' ' + v.id + ' (' + v.nodes.length"
                + " + '): ' + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })"
                + ".join(' | '); }).join('\\n')); });");
    Files.writeString(
        Path.of("target", "axe-report.txt"),
        "== " + page + "\n" + found + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static void settle() {
    ((JavascriptExecutor) browser)
        .executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + " requestAnimationFrame(function () { setTimeout(done, 250); });");
  }

  /**
   * The selfie searched through the gallery is in no file written since the search began: not in
   * the data directory (database, uploads, previews, logs), not in the temporary directory.
   */
  private void assertSelfieNowhere(String marker, long since) {
    List<Path> roots =
        new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.io.tmpdir"))));
    if (data != null) {
      roots.add(data);
    }
    assertEquals(
        List.of(),
        app.glimpse.testing.Traces.filesHolding(marker, since - 1000, roots),
        "the selfie is in");
  }

  private void tab(String title) {
    browser
        .findElement(By.xpath("//*[@id='imports:sources']//a[normalize-space()='" + title + "']"))
        .click();
  }

  /** ../shared's deepface photos, read where they are. */
  private static Path deepface() {
    return photos().resolveSibling("deepface");
  }

  /** Six group photos from ../shared, read where they are. */
  private static Path photos() {
    Path folder =
        Path.of(System.getProperty("glimpse.shared", "../../shared"), "photos", "groups-unlabeled")
            .toAbsolutePath()
            .normalize();
    assertTrue(Files.isDirectory(folder), "missing test photos in " + folder);
    return folder;
  }
}
