package app.glimpse.imports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which files a server folder's listing takes for photos: HEIC/HEIF and camera RAWs too. */
class SourceFoldersFormatsTest {

  private static boolean image(String head) {
    byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
    return SourceFolders.isImage(bytes, bytes.length);
  }

  @Test
  void recognisesHeicAndRawByContent() {
    assertEquals(true, image("\0\0\0\u0018ftypheic"));
    assertEquals(true, image("\0\0\0\u0018ftypmif1"));
    assertEquals(true, image("\0\0\0\u0018ftypcrx "), "CR3");
    assertEquals(true, image("FUJIFILMCCD-RAW "), "RAF");
    assertEquals(true, image("IIRO\b\0\0\0"), "ORF");
    assertEquals(true, image("IIRS\b\0\0\0"), "ORF");
    assertEquals(true, image("MMOR\0\0\0\b"), "ORF");
    assertEquals(true, image("II*\0\u0010\0\0\0CR\u0002\0"), "CR2");
    assertEquals(false, image("\0\0\0\u0018ftypavif"), "AVIF is not read");
    assertEquals(false, image("\0\0\0\u0018ftypisom"), "a video");
  }

  @Test
  void takesRawAndHeicNamesWhateverTheirCase() {
    for (String name :
        new String[] {
          "a.HEIC", "a.heif", "b.CR2", "b.cr3", "c.NEF", "d.ARW", "e.dng", "f.RAF", "g.ORF"
        }) {
      assertEquals(true, SourceFolders.namedLikePhoto(Path.of(name)), name);
    }
    assertEquals(false, SourceFolders.namedLikePhoto(Path.of("a.xmp")), "a sidecar");
  }
}
