package app.glimpse.access.boundary;

import app.glimpse.access.control.GlimpsePrincipal;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;

/**
 * The identity store of the portal's sign-in: photographer accounts in PostgreSQL with their PBKDF2
 * password hashes, checked by {@link Accounts}.
 */
@ApplicationScoped
public class PhotographerAccounts implements IdentityStore {

  @EJB Accounts accounts;
  @Inject ClientAddresses clients;
  @Inject HttpServletRequest request;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential password)
        || password.getCaller() == null
        || password.getCaller().isBlank()
        || password.getPasswordAsString().isEmpty()) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    try {
      Accounts.SignedIn signedIn =
          accounts.signIn(
              password.getCaller(), password.getPasswordAsString(), clients.of(request));
      return new CredentialValidationResult(
          new GlimpsePrincipal(signedIn.email(), signedIn.caller()), signedIn.caller().roles());
    } catch (ClientError refused) {
      return CredentialValidationResult.INVALID_RESULT;
    }
  }

  @Override
  public Set<ValidationType> validationTypes() {
    return EnumSet.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
  }
}
