package app.glimpse.access.control;

import app.glimpse.access.boundary.Accounts;
import app.glimpse.studios.control.Passwords;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On the first start of an installation, creates the first photographer account (the studio owner)
 * from {@code GLIMPSE_ADMIN_EMAIL} and {@code GLIMPSE_ADMIN_PASSWORD}. Without a password it
 * generates one and prints it once on the console, the only place it ever appears.
 */
@Singleton
@Startup
@DependsOn("Schema")
public class FirstAccount {

  private static final Logger LOG = Logger.getLogger(FirstAccount.class.getName());

  @Inject
  @ConfigProperty(name = "glimpse.admin.email", defaultValue = "admin@glimpse.local")
  String email;

  @Inject
  @ConfigProperty(name = "glimpse.admin.password")
  Optional<String> password;

  @EJB Accounts accounts;

  @PostConstruct
  void createIfFirstStart() {
    String chosen = password.filter(p -> !p.isBlank()).orElseGet(Passwords::generate);
    if (accounts.createFirstAccount(email, chosen)) {
      LOG.log(Level.INFO, "Created the first photographer account {0}", email);
      if (password.filter(p -> !p.isBlank()).isEmpty()) {
        System.out.println(
            "\n=== Glimpse first start: sign in as "
                + email
                + " with password "
                + chosen
                + " (shown only this once) ===\n");
      }
    }
  }
}
