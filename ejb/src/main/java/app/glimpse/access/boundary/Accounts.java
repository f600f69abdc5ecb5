package app.glimpse.access.boundary;

import app.glimpse.access.control.IssuedToken;
import app.glimpse.access.control.RefreshTokens;
import app.glimpse.access.control.Throttle;
import app.glimpse.access.control.TokenIssuer;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.studios.control.PasswordHashing;
import app.glimpse.studios.entity.Photographer;
import app.glimpse.studios.entity.Role;
import app.glimpse.studios.entity.Studio;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Photographer accounts: sign-in with e-mail and password, and the first account of a new
 * installation.
 */
@Stateless
public class Accounts {

  /** The advisory lock key under which nodes create the first account one at a time. */
  private static final long FIRST_ACCOUNT_LOCK = 0x676c696d7073L;

  @PersistenceContext EntityManager em;

  @Inject PasswordHashing passwords;

  @Inject TokenIssuer tokens;

  @Inject Throttle throttle;

  @Inject RefreshTokens refreshTokens;

  /**
   * An API sign-in for the photographer with these credentials, from the client address {@code
   * client} (wrong tries are counted per client: {@link Throttle}): a short-lived bearer token and
   * the refresh token that renews it. One message for every kind of mismatch.
   */
  public SignIn token(@NotBlank String email, @NotBlank String password, @NotNull String client) {
    Photographer photographer = verified(email, password, client);
    return new SignIn(accessToken(photographer), refreshTokens.start(photographer.getId()));
  }

  /**
   * Exchanges a refresh token for a new access token and its successor; empty if the token is
   * unknown, expired, signed out or used already (which signs out its whole family). Empty rather
   * than an error, so that the revocation is committed.
   */
  public Optional<SignIn> refresh(@NotBlank String refreshToken) {
    return refreshTokens
        .rotate(refreshToken)
        .flatMap(
            rotation ->
                Optional.ofNullable(em.find(Photographer.class, rotation.photographerId()))
                    .map(photographer -> new SignIn(accessToken(photographer), rotation.next())));
  }

  /** Ends the API sign-in {@code refreshToken} belongs to; an unknown token changes nothing. */
  public void signOut(@NotBlank String refreshToken) {
    refreshTokens.revokeFamilyOf(refreshToken);
  }

  private IssuedToken accessToken(Photographer photographer) {
    return tokens.forPhotographer(
        photographer.getId().toString(),
        photographer.getEmail(),
        groups(photographer),
        Map.of("studio", photographer.getStudio().getId()));
  }

  /** An API sign-in: the bearer token and the refresh token that renews it. */
  public record SignIn(IssuedToken access, IssuedToken refresh) {}

  /**
   * The photographer with these credentials as a {@link Caller}, for the portal's session; the same
   * refusal as {@link #token} for every kind of mismatch.
   */
  public SignedIn signIn(
      @NotBlank String email, @NotBlank String password, @NotNull String client) {
    Photographer photographer = verified(email, password, client);
    return signedIn(photographer);
  }

  /**
   * A portal sign-in carries the account's credentials generation ({@link
   * Caller#accessGeneration()}): a password change raises it and so ends every other portal session
   * of the account ({@link #stillSignedIn}).
   */
  private static SignedIn signedIn(Photographer photographer) {
    return new SignedIn(
        new Caller(
            photographer.getId().toString(),
            photographer.getStudio().getId(),
            null,
            groups(photographer),
            photographer.getCredentialsGeneration()),
        photographer.getEmail(),
        photographer.getDisplayName());
  }

  /**
   * Replaces the caller's password after checking the current one (wrong tries are counted as
   * sign-in's are, per account and client: {@link Throttle}), and signs out every other sign-in of
   * theirs: their API refresh tokens at once (access tokens end within {@code
   * glimpse.token.lifetime}), their other portal sessions at their next request. The answer is the
   * caller's sign-in with the new password, for the session that changed it to keep.
   */
  public SignedIn changePassword(
      @NotNull Caller caller,
      @NotBlank String currentPassword,
      @NotBlank @Size(min = 10, max = 200) String newPassword,
      @NotNull String client) {
    Photographer photographer = em.find(Photographer.class, caller.photographerId());
    if (photographer == null) {
      throw ClientError.unauthorized("The current password is wrong.");
    }
    String key = throttleKey(photographer.getEmail());
    throttle.checkGuess(key, client);
    if (!passwords.verify(currentPassword, photographer.getPasswordHash())) {
      throttle.failed(key, client);
      throw ClientError.unauthorized("The current password is wrong.");
    }
    throttle.succeeded(key, client);
    photographer.changePasswordHash(passwords.hash(newPassword));
    refreshTokens.revokeAll(photographer.getId());
    return signedIn(photographer);
  }

  /**
   * Whether the photographer behind a bearer token or portal session still has their account in the
   * studio they signed in to; a removed photographer is signed out at their next request. Guests
   * are not accounts: whether their pass still opens an event is the event's to say.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean stillSignedIn(@NotNull Caller caller) {
    if (caller.studioId() == null) {
      return true;
    }
    try {
      Photographer photographer = em.find(Photographer.class, caller.photographerId());
      return photographer != null
          && photographer.getStudio().getId().equals(caller.studioId())
          && (caller.accessGeneration() == null
              || caller.accessGeneration() == photographer.getCredentialsGeneration());
    } catch (NumberFormatException notAnAccount) {
      return false;
    }
  }

  private Photographer verified(String email, String password, String client) {
    String key = throttleKey(email);
    throttle.checkGuess(key, client);
    Photographer photographer = find(email).orElse(null);
    boolean matches =
        photographer == null
            ? passwords.verifyNoAccount(password)
            : passwords.verify(password, photographer.getPasswordHash());
    if (photographer == null || !matches) {
      throttle.failed(key, client);
      throw ClientError.unauthorized("Wrong e-mail or password.");
    }
    throttle.succeeded(key, client);
    if (passwords.outdated(photographer.getPasswordHash())) {
      photographer.rehashPassword(passwords.hash(password));
    }
    return photographer;
  }

  private static String throttleKey(String email) {
    return "password:" + email.strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static Set<String> groups(Photographer photographer) {
    return photographer.getRole() == Role.OWNER
        ? Set.of(Caller.OWNER, Caller.PHOTOGRAPHER)
        : Set.of(Caller.PHOTOGRAPHER);
  }

  /** A photographer who signed in: who they are to the boundaries, and what the portal shows. */
  public record SignedIn(Caller caller, String email, String displayName) {}

  /** Creates the studio and its owner, unless any account exists already; true when it did. */
  public boolean createFirstAccount(String email, String password) {
    // Nodes of a cluster start together: one at a time decides whether the first account exists.
    em.createNativeQuery("SELECT pg_advisory_xact_lock(" + FIRST_ACCOUNT_LOCK + ")")
        .getResultList();
    long existing = em.createNamedQuery(Photographer.COUNT, Long.class).getSingleResult();
    if (existing > 0) {
      return false;
    }
    Studio studio = new Studio("My studio");
    em.persist(studio);
    em.persist(new Photographer(studio, email, null, passwords.hash(password), Role.OWNER));
    return true;
  }

  private Optional<Photographer> find(String email) {
    String normalized;
    try {
      normalized = Photographer.normalizeEmail(email);
    } catch (IllegalArgumentException notAnAddress) {
      return Optional.empty();
    }
    List<Photographer> found =
        em.createNamedQuery(Photographer.FIND_BY_EMAIL, Photographer.class)
            .setParameter("email", normalized)
            .getResultList();
    return found.stream().findFirst();
  }
}
