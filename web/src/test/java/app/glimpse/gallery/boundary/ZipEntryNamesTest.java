package app.glimpse.gallery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ZipEntryNamesTest {

  @Test
  void namesCannotLeaveTheFolderAndStayUnique() {
    ZipEntryNames names = new ZipEntryNames();
    assertEquals("IMG_1.jpg", names.next("IMG_1.jpg", 1));
    assertEquals("img_1 (2).jpg", names.next("img_1.jpg", 2));
    assertEquals("IMG_1 (3).jpg", names.next("../../IMG_1.jpg", 3));
    assertEquals("passwd", names.next("/etc/passwd", 4));
    assertEquals("evil.jpg", names.next("..\\..\\evil.jpg", 5));
    assertEquals("photo-6.jpg", names.next("...", 6));
    assertEquals("a_b_.jpg", names.next("a:b?.jpg", 7));
    assertEquals("Ünïcødé 写真.jpg", names.next("Ünïcødé 写真.jpg", 8));
  }

  @Test
  void longNamesKeepTheirExtension() {
    String name = ZipEntryNames.safe("x".repeat(300) + ".jpeg", 1);
    assertEquals(120, name.length());
    assertEquals(".jpeg", name.substring(name.length() - 5));
  }
}
