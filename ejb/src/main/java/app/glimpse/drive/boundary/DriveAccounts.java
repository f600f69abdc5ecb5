package app.glimpse.drive.boundary;

import app.glimpse.drive.control.DriveAccess;
import app.glimpse.drive.control.DriveClient;
import app.glimpse.drive.control.DriveFailure;
import app.glimpse.drive.control.DriveOAuth;
import app.glimpse.drive.control.DriveSettings;
import app.glimpse.drive.entity.DriveAccount;
import app.glimpse.drive.entity.DriveAuthorization;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.platform.control.Timestamps;
import app.glimpse.studios.entity.Photographer;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A photographer's Google Drive connection: the OAuth 2.0 web-server flow that connects it
 * (authorize, then Google's callback), its status, the folders to pick from, and disconnecting. The
 * refresh token is stored encrypted on the photographer; access tokens live only in memory.
 */
@Stateless
public class DriveAccounts {

  private static final Logger LOG = Logger.getLogger(DriveAccounts.class.getName());
  private static final Duration AUTHORIZATION_LIFETIME = Duration.ofMinutes(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext EntityManager em;

  @Resource SessionContext context;

  @Inject DriveAccess drive;

  /** Whether Drive is configured and whether the caller has connected an account. */
  public DriveStatus status(@NotNull Caller caller) {
    DriveSettings settings = drive.settings();
    DriveAccount account = em.find(DriveAccount.class, staff(caller));
    return new DriveStatus(
        settings.configured(),
        account != null,
        account == null ? null : account.getEmail(),
        account == null ? null : account.getConnectedAt());
  }

  /**
   * The Google URL to send the caller's browser to. Its {@code state} is random, names the caller,
   * expires after ten minutes and can be used once: Google's redirect connects the account of
   * whoever asked for that state, and nobody else can produce one.
   *
   * @param derivedRedirectUri the callback URL as this server sees it, used unless {@code
   *     GLIMPSE_DRIVE_REDIRECT_URI} is set
   */
  public String authorize(@NotNull Caller caller, @NotNull String derivedRedirectUri) {
    long photographerId = staff(caller);
    DriveSettings settings = drive.configured();
    String redirectUri =
        settings.redirectUri() != null ? settings.redirectUri() : derivedRedirectUri;
    String state = random();
    String verifier = random();
    Instant now = Timestamps.now();
    em.createNamedQuery(DriveAuthorization.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
    em.persist(
        new DriveAuthorization(
            state, photographerId, redirectUri, now.plus(AUTHORIZATION_LIFETIME), verifier));
    return DriveOAuth.authorizationUrl(settings, redirectUri, state, verifier);
  }

  /**
   * Google's redirect after the photographer decided, in the browser of {@code browser} (the
   * photographer signed in to the portal there): exchanges {@code code} for a refresh token and
   * stores it, encrypted, for the photographer the {@code state} names, who must be {@code
   * browser}. A consent link someone else started is refused (400 {@code drive_other_account}), so
   * that nobody can send a genuine consent link to another person and receive their Drive.
   *
   * @param error what Google sent instead of a code ("access_denied"), or null
   * @return the e-mail of the connected account
   * @throws ClientError 400 for an unknown, used or expired state, another account's state, or a
   *     refusal
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public String callback(@NotNull Caller browser, String code, String state, String error) {
    long signedIn = staff(browser);
    DriveSettings settings = drive.configured();
    DriveAuthorization authorization = context.getBusinessObject(DriveAccounts.class).claim(state);
    if (authorization.getPhotographerId() != signedIn) {
      LOG.log(
          Level.WARNING,
          "A Drive consent started by photographer {0} came back in the browser of photographer"
              + " {1}; refused",
          new Object[] {authorization.getPhotographerId(), signedIn});
      throw ClientError.badRequest(
          "drive_other_account",
          "This Drive consent was started by another Glimpse account; connect Drive again from"
              + " your own.");
    }
    if (authorization.isExpired(Timestamps.now())) {
      throw ClientError.badRequest(
          "invalid_state", "This Drive authorization expired; connect Drive again.");
    }
    if (error != null || code == null || code.isBlank()) {
      throw ClientError.badRequest(
          "drive_refused",
          "Google did not grant access to Drive" + (error == null ? "." : " (" + error + ")."));
    }
    long photographerId = authorization.getPhotographerId();
    String refreshToken;
    String email;
    try {
      refreshToken =
          DriveOAuth.refreshToken(
              settings, code, authorization.getRedirectUri(), authorization.getCodeVerifier());
      email =
          new DriveClient(settings, DriveClient.credential(settings, refreshToken)).accountEmail();
    } catch (DriveFailure e) {
      throw ClientError.badRequest("drive_refused", e.getMessage());
    }
    context.getBusinessObject(DriveAccounts.class).connect(photographerId, email, refreshToken);
    LOG.log(Level.INFO, "Photographer {0} connected Google Drive", photographerId);
    return email;
  }

  private static String random() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /**
   * The authorization of {@code state}, removed in a transaction of its own, so that a state is
   * used once even if the rest of the callback fails.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public DriveAuthorization claim(String state) {
    DriveAuthorization authorization =
        state == null || state.isBlank() ? null : em.find(DriveAuthorization.class, state);
    if (authorization == null) {
      throw ClientError.badRequest(
          "invalid_state", "This Drive authorization is unknown or was used already.");
    }
    em.remove(authorization);
    return authorization;
  }

  /** Stores the refresh token of {@code photographerId}'s new connection, encrypted. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void connect(long photographerId, String email, @NotNull String refreshToken) {
    String sealed = drive.cipher().encrypt(refreshToken, DriveAccess.tokenContext(photographerId));
    DriveAccount account = em.find(DriveAccount.class, photographerId);
    if (account == null) {
      em.persist(new DriveAccount(photographerId, email, sealed));
    } else {
      account.reconnect(email, sealed);
    }
    drive.forget(photographerId);
  }

  /** The sub-folders of {@code parent} (null or "root": My Drive) in the caller's Drive. */
  public List<DriveClient.DriveFolder> folders(@NotNull Caller caller, String parent) {
    DriveAccount account = em.find(DriveAccount.class, staff(caller));
    if (account == null) {
      drive.configured();
      throw ClientError.conflict("drive_not_connected", "Connect your Google Drive first.");
    }
    String folder = parent == null || parent.isBlank() ? "root" : parent;
    if (!DriveClient.isDriveId(folder)) {
      throw ClientError.badRequest("invalid_folder", "Not a Drive folder id: " + parent);
    }
    try {
      return drive.client(account).folders(folder);
    } catch (DriveFailure e) {
      if (e.kind() == DriveFailure.Kind.NOT_FOUND) {
        throw ClientError.notFound("Drive folder");
      }
      throw ClientError.conflict("drive_unavailable", e.getMessage());
    }
  }

  /**
   * Forgets the caller's Drive connection. Imports under way that still need it fail their
   * remaining files with a reason. (Google keeps the grant until the photographer removes Glimpse
   * from the Google account's third-party access.)
   */
  public void disconnect(@NotNull Caller caller) {
    long photographerId = staff(caller);
    DriveAccount account = em.find(DriveAccount.class, photographerId);
    if (account != null) {
      em.remove(account);
    }
    drive.forget(photographerId);
  }

  private long staff(Caller caller) {
    if (caller.studioId() == null || !caller.isStaffOf(caller.studioId())) {
      throw ClientError.notFound("photographer");
    }
    long id = caller.photographerId();
    Photographer photographer = em.find(Photographer.class, id);
    if (photographer == null || !photographer.getStudio().getId().equals(caller.studioId())) {
      throw ClientError.notFound("photographer");
    }
    return id;
  }

  /** {@code GET /api/v1/drive}: configured? connected? as whom? */
  public record DriveStatus(
      boolean configured, boolean connected, String email, Instant connectedAt) {}
}
