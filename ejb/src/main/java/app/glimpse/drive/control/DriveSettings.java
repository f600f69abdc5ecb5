package app.glimpse.drive.control;

import java.time.Duration;

/**
 * How Glimpse reaches Google Drive: the OAuth client of the installation ({@code
 * GLIMPSE_DRIVE_CLIENT_ID}, {@code GLIMPSE_DRIVE_CLIENT_SECRET}), the redirect URI registered with
 * it (null: derived from the request), Google's endpoints (replaceable, so that tests point the
 * real client at a fake server) and the retry policy for rate limits and server errors.
 */
public record DriveSettings(
    String clientId,
    String clientSecret,
    String redirectUri,
    String apiUrl,
    String tokenUrl,
    String authorizationUrl,
    int attempts,
    Duration firstRetryDelay) {

  public static final String GOOGLE_API_URL = "https://www.googleapis.com/";
  public static final String GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
  public static final String GOOGLE_AUTHORIZATION_URL =
      "https://accounts.google.com/o/oauth2/v2/auth";

  public DriveSettings {
    clientId = blankToNull(clientId);
    clientSecret = blankToNull(clientSecret);
    redirectUri = blankToNull(redirectUri);
    apiUrl = apiUrl == null || apiUrl.isBlank() ? GOOGLE_API_URL : apiUrl.strip();
    if (!apiUrl.endsWith("/")) {
      apiUrl = apiUrl + "/";
    }
    tokenUrl = tokenUrl == null || tokenUrl.isBlank() ? GOOGLE_TOKEN_URL : tokenUrl.strip();
    authorizationUrl =
        authorizationUrl == null || authorizationUrl.isBlank()
            ? GOOGLE_AUTHORIZATION_URL
            : authorizationUrl.strip();
    if (attempts < 1) {
      throw new IllegalArgumentException("At least one attempt per Drive request");
    }
    if (firstRetryDelay == null || firstRetryDelay.isNegative()) {
      throw new IllegalArgumentException("The first retry delay must not be negative");
    }
  }

  /** Whether an OAuth client is set up; without one Drive is shown as not configured. */
  public boolean configured() {
    return clientId != null && clientSecret != null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
