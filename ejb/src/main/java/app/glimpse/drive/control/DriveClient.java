package app.glimpse.drive.control;

import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One connected Google account's Drive, through the real Drive v3 client: the account's e-mail,
 * folders for the folder picker, a folder's image files page by page (into sub-folders if asked),
 * and a file's content. Every request is retried as {@link DriveRetry} says; an expired access
 * token is refreshed with the account's refresh token and the request repeated (the {@link
 * Credential} does that on a 401). Failures are {@link DriveFailure}s with readable reasons.
 */
public final class DriveClient {

  /** Google's transport on the JDK's HttpURLConnection: thread-safe, shared by every client. */
  static final HttpTransport TRANSPORT = new NetHttpTransport();

  static final JsonFactory JSON = GsonFactory.getDefaultInstance();

  static final String FOLDER_TYPE = "application/vnd.google-apps.folder";

  private static final Pattern DRIVE_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");
  private static final String FILE_FIELDS =
      "nextPageToken, files(id, name, mimeType, md5Checksum, size, modifiedTime)";
  private static final int PAGE_SIZE = 100;

  private final Drive drive;
  private final DriveRetry retry;

  public DriveClient(DriveSettings settings, Credential credential) {
    this.drive =
        new Drive.Builder(
                TRANSPORT,
                JSON,
                request -> {
                  credential.initialize(request);
                  request.setConnectTimeout(20_000);
                  request.setReadTimeout(60_000);
                })
            .setRootUrl(settings.apiUrl())
            .setApplicationName("Glimpse")
            .build();
    this.retry = new DriveRetry(settings.attempts(), settings.firstRetryDelay());
  }

  /**
   * The credential of an account with {@code refreshToken}: it fetches an access token on first use
   * and a new one whenever Drive answers 401.
   */
  public static Credential credential(DriveSettings settings, String refreshToken) {
    return new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
        .setTransport(TRANSPORT)
        .setJsonFactory(JSON)
        .setTokenServerUrl(new GenericUrl(settings.tokenUrl()))
        .setClientAuthentication(
            new ClientParametersAuthentication(settings.clientId(), settings.clientSecret()))
        .build()
        .setRefreshToken(refreshToken);
  }

  /** Whether {@code id} looks like a Drive file or folder id (or is "root"). */
  public static boolean isDriveId(String id) {
    return id != null && DRIVE_ID.matcher(id).matches();
  }

  /** The e-mail address of the connected account. */
  public String accountEmail() {
    return retry.call(
        "Reading the Drive account",
        () ->
            drive
                .about()
                .get()
                .setFields("user(emailAddress)")
                .execute()
                .getUser()
                .getEmailAddress());
  }

  /**
   * The folder {@code id} ("root" for My Drive).
   *
   * @throws DriveFailure of kind NOT_FOUND if it is missing, trashed or not a folder
   */
  public DriveFolder folder(String id) {
    requireDriveId(id);
    File file =
        retry.call(
            "Opening the Drive folder " + id,
            () ->
                drive
                    .files()
                    .get(id)
                    .setFields("id, name, mimeType, trashed")
                    .setSupportsAllDrives(true)
                    .execute());
    if (!FOLDER_TYPE.equals(file.getMimeType()) || Boolean.TRUE.equals(file.getTrashed())) {
      throw new DriveFailure(
          DriveFailure.Kind.NOT_FOUND, "The Drive item " + id + " is not a folder.", null);
    }
    return new DriveFolder(file.getId(), file.getName());
  }

  /** The sub-folders of {@code parent} ("root" for My Drive), by name. */
  public List<DriveFolder> folders(String parent) {
    requireDriveId(parent);
    List<DriveFolder> folders = new ArrayList<>();
    String pageToken = null;
    do {
      String token = pageToken;
      FileList page =
          retry.call(
              "Listing the folders of " + parent,
              () ->
                  drive
                      .files()
                      .list()
                      .setQ(
                          "'"
                              + parent
                              + "' in parents and mimeType = '"
                              + FOLDER_TYPE
                              + "' and trashed = false")
                      .setOrderBy("name")
                      .setPageSize(PAGE_SIZE)
                      .setPageToken(token)
                      .setFields("nextPageToken, files(id, name, mimeType)")
                      .setSupportsAllDrives(true)
                      .setIncludeItemsFromAllDrives(true)
                      .execute());
      for (File file : files(page)) {
        if (FOLDER_TYPE.equals(file.getMimeType())) {
          folders.add(new DriveFolder(file.getId(), file.getName()));
        }
      }
      pageToken = page.getNextPageToken();
    } while (pageToken != null);
    return folders;
  }

  /**
   * The page of image files at {@code cursor} (null: the first page of {@code folder}). Files whose
   * type is not image/* are left out; sub-folders are remembered in the cursor and listed after the
   * folder when {@code recursive}.
   */
  public DrivePage images(String folder, boolean recursive, String cursor) {
    requireDriveId(folder);
    Cursor at = cursor == null ? new Cursor(folder, null, List.of(), null) : Cursor.parse(cursor);
    FileList page =
        retry.call(
            "Listing the Drive folder " + at.folder(),
            () ->
                drive
                    .files()
                    .list()
                    .setQ("'" + at.folder() + "' in parents and trashed = false")
                    .setPageSize(PAGE_SIZE)
                    .setPageToken(at.pageToken())
                    .setFields(FILE_FIELDS)
                    .setSupportsAllDrives(true)
                    .setIncludeItemsFromAllDrives(true)
                    .execute());
    List<DriveFile> images = new ArrayList<>();
    List<String> pending = new ArrayList<>(at.pending());
    for (File file : files(page)) {
      String type = file.getMimeType() == null ? "" : file.getMimeType();
      if (FOLDER_TYPE.equals(type)) {
        if (recursive && isDriveId(file.getId())) {
          pending.add(Cursor.entry(file.getId(), at.child(file.getName())));
        }
      } else if (type.startsWith("image/")) {
        images.add(
            new DriveFile(
                file.getId(),
                file.getName(),
                version(file),
                file.getSize() == null ? -1 : file.getSize(),
                at.path()));
      }
    }
    String next;
    if (page.getNextPageToken() != null) {
      next = new Cursor(at.folder(), page.getNextPageToken(), pending, at.path()).format();
    } else if (!pending.isEmpty()) {
      next = Cursor.next(pending).format();
    } else {
      next = null;
    }
    return new DrivePage(images, next);
  }

  /**
   * The content of file {@code id}, read whole into memory and never written anywhere.
   *
   * @throws DriveFailure of kind TOO_LARGE if it has more than {@code maxBytes}
   */
  public byte[] download(String id, String name, long maxBytes) {
    requireDriveId(id);
    byte[] content =
        retry.call(
            "Downloading " + name,
            () -> {
              try (InputStream in =
                  drive.files().get(id).setSupportsAllDrives(true).executeMediaAsInputStream()) {
                return in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 16));
              }
            });
    if (content.length > maxBytes) {
      throw new DriveFailure(
          DriveFailure.Kind.TOO_LARGE,
          "The file is larger than " + maxBytes / 1_000_000 + " MB, the most photos may have.",
          null);
    }
    return content;
  }

  /**
   * The content of file {@code id} as a stream straight from Drive, for downloads: nothing is held
   * whole in memory or written anywhere. Only opening the stream is retried.
   */
  public InputStream open(String id, String name) {
    requireDriveId(id);
    return retry.call(
        "Opening " + name,
        () -> drive.files().get(id).setSupportsAllDrives(true).executeMediaAsInputStream());
  }

  /** Drive's md5Checksum, else its modifiedTime: what changes when the content changes. */
  static String version(File file) {
    if (file.getMd5Checksum() != null) {
      return file.getMd5Checksum();
    }
    return file.getModifiedTime() == null ? null : file.getModifiedTime().toStringRfc3339();
  }

  private static List<File> files(FileList page) {
    return page.getFiles() == null ? List.of() : page.getFiles();
  }

  private static void requireDriveId(String id) {
    if (!isDriveId(id)) {
      throw new IllegalArgumentException("Not a Drive id: " + id);
    }
  }

  /** A Drive folder, for the folder picker. */
  public record DriveFolder(String id, String name) implements java.io.Serializable {}

  /**
   * An image file as a folder's listing found it.
   *
   * @param version what identifies this content without reading it: Drive's md5Checksum, else its
   *     modifiedTime
   * @param size the size in bytes Drive announces, or -1 if unknown
   * @param folder the path of the sub-folder it lies in below the listed folder (folder names
   *     parted by "/"), null for a file of the listed folder itself
   */
  public record DriveFile(String id, String name, String version, long size, String folder) {

    public DriveFile(String id, String name, String version, long size) {
      this(id, name, version, size, null);
    }
  }

  /**
   * A page of a folder's image files, and the cursor of the page after it (null after the last): an
   * opaque string of Drive's page token and the folders still to visit.
   */
  public record DrivePage(List<DriveFile> files, String next) {

    public DrivePage {
      files = List.copyOf(files);
    }
  }

  /**
   * Where a listing is: the folder, Drive's page token in it (null: its first page), the
   * sub-folders still to list, and the folder's path below the listed one (null at the top).
   * Formatted as lines, since ids and page tokens hold no line breaks; a pending sub-folder is its
   * id, "/" and its path in base64url (ids hold no "/"), and the path its own fourth line. A cursor
   * of three lines (written before sub-folders had paths) still reads, without paths.
   */
  record Cursor(String folder, String pageToken, List<String> pending, String path) {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    String format() {
      return folder
          + "\n"
          + (pageToken == null ? "" : pageToken)
          + "\n"
          + String.join(",", pending)
          + "\n"
          + (path == null ? "" : encode(path));
    }

    /** The path of sub-folder {@code name} of this folder. */
    String child(String name) {
      String clean = name == null || name.isBlank() ? "Folder" : name.replace('/', '-').strip();
      return path == null ? clean : path + "/" + clean;
    }

    /** A pending sub-folder as the cursor keeps it. */
    static String entry(String id, String path) {
      return id + "/" + encode(path);
    }

    /** The first page of the first pending sub-folder, the others still pending. */
    static Cursor next(List<String> pending) {
      String first = pending.get(0);
      int slash = first.indexOf('/');
      String id = slash < 0 ? first : first.substring(0, slash);
      String path = slash < 0 ? null : decode(first.substring(slash + 1));
      return new Cursor(id, null, List.copyOf(pending.subList(1, pending.size())), path);
    }

    static Cursor parse(String cursor) {
      String[] lines = cursor.split("\n", -1);
      if ((lines.length != 3 && lines.length != 4) || !isDriveId(lines[0])) {
        throw new IllegalArgumentException("Not a Drive listing cursor");
      }
      List<String> pending = lines[2].isEmpty() ? List.of() : Arrays.asList(lines[2].split(","));
      for (String entry : pending) {
        int slash = entry.indexOf('/');
        if (!isDriveId(slash < 0 ? entry : entry.substring(0, slash))) {
          throw new IllegalArgumentException("Not a Drive listing cursor");
        }
      }
      String path = lines.length == 4 && !lines[3].isEmpty() ? decode(lines[3]) : null;
      return new Cursor(lines[0], lines[1].isEmpty() ? null : lines[1], pending, path);
    }

    private static String encode(String path) {
      return ENCODE.encodeToString(path.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String encoded) {
      return new String(DECODE.decode(encoded), StandardCharsets.UTF_8);
    }
  }
}
