package app.glimpse.boundaries;

import app.glimpse.imports.boundary.ImportView;
import app.glimpse.imports.boundary.Imports;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.studios.entity.Photographer;
import app.glimpse.studios.entity.Role;
import app.glimpse.studios.entity.Studio;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * What the in-server tests set up through JPA: accounts of their own studios, and work in a
 * transaction of its own. Every deployment that uses it adds it to the archive.
 */
record Fixtures(EntityManager em, UserTransaction transaction) {

  /** A photographer of a new studio. */
  Caller photographer(String email) throws Exception {
    return account(email, null, Role.PHOTOGRAPHER);
  }

  /** An account of the studio {@code studioId}, or of a new studio when it is null. */
  Caller account(String email, Long studioId, Role role) throws Exception {
    return account(email, studioId, role, "not-a-hash");
  }

  /** An account with a password hash one can sign in with. */
  Caller account(String email, Long studioId, Role role, String passwordHash) throws Exception {
    return inTransaction(
        () -> {
          Studio studio;
          if (studioId == null) {
            studio = new Studio("Studio of " + email);
            em.persist(studio);
          } else {
            studio = em.find(Studio.class, studioId);
          }
          Photographer photographer = new Photographer(studio, email, null, passwordHash, role);
          em.persist(photographer);
          em.flush();
          return new Caller(
              photographer.getId().toString(),
              studio.getId(),
              null,
              role == Role.OWNER
                  ? Set.of(Caller.OWNER, Caller.PHOTOGRAPHER)
                  : Set.of(Caller.PHOTOGRAPHER));
        });
  }

  <T> T inTransaction(Callable<T> work) throws Exception {
    transaction.begin();
    try {
      T result = work.call();
      transaction.commit();
      return result;
    } catch (Exception e) {
      transaction.rollback();
      throw e;
    }
  }

  /**
   * The import once it has finished (completed, failed or stopped), or as it is after 2 minutes.
   */
  static ImportView finished(Imports imports, Caller caller, long importId)
      throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    ImportView view = imports.get(caller, importId);
    while (!view.status().isFinished() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      view = imports.get(caller, importId);
    }
    return view;
  }

  /** The status a boundary call answers: 200 when it returns, else its refusal's. */
  static int statusOf(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (ClientError e) {
      return e.status();
    }
  }
}
