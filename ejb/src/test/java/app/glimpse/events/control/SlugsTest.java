package app.glimpse.events.control;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlugsTest {

  @Test
  void readableAsciiWithRandomSuffix() {
    String slug = Slugs.forName("Émilie & José's Wedding!");
    assertTrue(slug.matches("emilie-jose-s-wedding-[a-z2-9]{6}"), slug);
  }

  @Test
  void namesWithoutLettersStillGetASlug() {
    assertTrue(Slugs.forName("***").matches("event-[a-z2-9]{6}"));
  }

  @Test
  void longNamesAreCutAndSlugsDiffer() {
    String name = "A very long conference name that goes on and on and on for ever";
    String first = Slugs.forName(name);
    assertTrue(first.length() <= 47, first);
    assertNotEquals(first, Slugs.forName(name));
  }
}
