package app.glimpse.faces;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A selfie is refused at fewer pixels than an imported photo: anyone with a link may send one. */
class SelfiePixelsTest {
  private static final FaceEngine ENGINE = FaceEngine.shared();

  @Test
  void aSelfieOverTheSelfieLimitIsRefusedFromItsHeader() {
    byte[] png =
        BadInputTest.pngHeader(8000, 8000); // 64 MP: an import may have it, a selfie may not
    ImageTooLargeException refused =
        assertThrows(ImageTooLargeException.class, () -> ENGINE.facesForSearch(png));
    assertTrue(refused.getMessage().contains("limit of 50"), refused.getMessage());
    UnreadableImageException imported =
        assertThrows(UnreadableImageException.class, () -> ENGINE.analyze(png, "big.png"));
    assertFalse(imported instanceof ImageTooLargeException, imported.getMessage());
  }
}
