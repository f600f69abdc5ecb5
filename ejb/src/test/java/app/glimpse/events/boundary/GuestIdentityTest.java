package app.glimpse.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.platform.boundary.ClientError;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestIdentityTest {

  @Test
  void namesAreTrimmedAndEmailsOptional() {
    GuestIdentity anna = GuestIdentity.of("  Anna \t Berg ", " Anna@X.test ");
    assertEquals("Anna Berg", anna.name());
    assertEquals("Anna@X.test", anna.email());
    assertEquals("anna berg", anna.nameKey());
    assertEquals("anna@x.test", anna.emailKey());
    assertNull(GuestIdentity.of("Ben", "  ").email());
    assertEquals(100, GuestIdentity.of("n".repeat(100), null).name().length());
    assertTrue(GuestIdentity.given(null, "x@y.test"));
    assertTrue(GuestIdentity.given(" ", null), "a blank name is a name to refuse");
    assertFalse(GuestIdentity.given(null, " "));
  }

  @Test
  void aRefusalNamesTheField() {
    for (String name : List.of("", "   ", "n".repeat(101), "bell\u0007")) {
      ClientError refused = assertThrows(ClientError.class, () -> GuestIdentity.of(name, null));
      assertEquals(400, refused.status());
      assertEquals("invalid_name", refused.error(), name);
    }
    for (String email :
        List.of(
            "plain",
            "a@b",
            "a b@c.test",
            "@c.test",
            "x@.test",
            "x@y.",
            "c".repeat(250) + "@x.test")) {
      ClientError refused = assertThrows(ClientError.class, () -> GuestIdentity.of("Ann", email));
      assertEquals("invalid_email", refused.error(), email);
    }
  }
}
