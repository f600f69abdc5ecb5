package app.glimpse.studios.boundary;

import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.studios.control.PasswordHashing;
import app.glimpse.studios.control.Passwords;
import app.glimpse.studios.entity.Photographer;
import app.glimpse.studios.entity.Role;
import app.glimpse.studios.entity.Studio;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The studio's owner manages its photographers: lists them, adds one (with a password the owner
 * chooses, or one Glimpse generates and shows once; the photographer changes it on the password
 * page), and removes one. Nobody else may, and an owner never reaches another studio's people: for
 * anyone but the owner of the studio, its team does not exist (404).
 */
@Stateless
public class Team {

  private static final Logger LOG = Logger.getLogger(Team.class.getName());

  @PersistenceContext EntityManager em;

  @Inject PasswordHashing passwords;

  /** What adding a photographer gives: the account, and the generated password (else null). */
  public record Added(TeamMember member, String generatedPassword) {}

  public List<TeamMember> list(@NotNull Caller owner) {
    Studio studio = ownedStudio(owner);
    return em.createNamedQuery(Photographer.FIND_BY_STUDIO, Photographer.class)
        .setParameter("studioId", studio.getId())
        .getResultStream()
        .map(TeamMember::of)
        .toList();
  }

  /**
   * Adds a photographer to the owner's studio. Without {@code password} Glimpse generates one and
   * answers it, the only time it is shown.
   */
  public Added add(
      @NotNull Caller owner,
      @NotBlank @Size(max = 320) String email,
      @Size(max = 200) String displayName,
      @Size(min = 10, max = 200) String password) {
    Studio studio = ownedStudio(owner);
    String address;
    try {
      address = Photographer.normalizeEmail(email);
    } catch (IllegalArgumentException notAnAddress) {
      throw ClientError.badRequest("invalid_email", "This is not an e-mail address.");
    }
    if (!em.createNamedQuery(Photographer.FIND_BY_EMAIL, Photographer.class)
        .setParameter("email", address)
        .getResultList()
        .isEmpty()) {
      throw emailTaken();
    }
    String chosen = password == null ? Passwords.generate() : password;
    Photographer photographer =
        new Photographer(studio, address, displayName, passwords.hash(chosen), Role.PHOTOGRAPHER);
    try {
      em.persist(photographer);
      em.flush();
    } catch (PersistenceException sameAddressMeanwhile) {
      throw emailTaken();
    }
    LOG.log(
        Level.INFO,
        "Photographer {0} added to studio {1}",
        new Object[] {photographer.getId(), studio.getId()});
    return new Added(TeamMember.of(photographer), password == null ? chosen : null);
  }

  /**
   * Removes a photographer of the owner's studio: their account, Drive connection and API sign-ins
   * go; the studio's events stay. Their portal session and bearer tokens stop working at their next
   * request (see {@code Accounts.stillSignedIn}). An owner cannot remove their own account.
   */
  public void remove(@NotNull Caller owner, long photographerId) {
    Studio studio = ownedStudio(owner);
    Photographer photographer = em.find(Photographer.class, photographerId);
    if (photographer == null || !photographer.getStudio().getId().equals(studio.getId())) {
      throw ClientError.notFound("photographer");
    }
    if (photographerId == owner.photographerId()) {
      throw ClientError.conflict("own_account", "You cannot remove your own account.");
    }
    em.remove(photographer);
    LOG.log(
        Level.INFO,
        "Photographer {0} removed from studio {1}",
        new Object[] {photographerId, studio.getId()});
  }

  /** The caller's studio if the caller owns it, as the database says now; else 404. */
  private Studio ownedStudio(Caller caller) {
    if (caller.studioId() == null || !caller.isOwner()) {
      throw ClientError.notFound("studio");
    }
    Photographer account = em.find(Photographer.class, caller.photographerId());
    if (account == null
        || account.getRole() != Role.OWNER
        || !account.getStudio().getId().equals(caller.studioId())) {
      throw ClientError.notFound("studio");
    }
    return account.getStudio();
  }

  private static ClientError emailTaken() {
    return ClientError.conflict("email_taken", "There is an account with this e-mail address.");
  }
}
