package app.glimpse.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileTextsTest {

  @Test
  void boundsAValueToItsColumn() {
    String make = FileTexts.clean("M".repeat(4_000), 100);
    assertEquals(100, make.length());
    assertTrue(make.startsWith("MMM") && make.endsWith(FileTexts.CUT), make);
    assertEquals("Canon", FileTexts.clean("Canon", 100));
    assertEquals("x".repeat(100), FileTexts.clean("x".repeat(100), 100), "a value that fits");
    assertEquals(100, FileTexts.clean("y".repeat(70_000), 100).length());
  }

  @Test
  void takesOutWhatCannotBeStoredOrShown() {
    assertEquals("Canon EOS", FileTexts.clean("Can\0on\u0001 \u0007EOS\u007F\u0085", 100));
    assertEquals("a b", FileTexts.clean("a\r\n\t  b", 100));
    assertEquals("ab", FileTexts.clean("a\uD800b\uDFFF", 100), "unpaired surrogates");
    assertEquals("a\uD83D\uDE00b", FileTexts.clean("a\uD83D\uDE00b", 100), "an emoji stays");
    assertEquals("abc", FileTexts.clean("a\uFFFEb\uFFFFc\uFDD0", 100), "non-characters");
    assertEquals("photo gpj.exe", FileTexts.clean("photo \u202Egpj.exe", 100), "direction");
    assertNull(FileTexts.clean(" \0\t\u0001 ", 100));
    assertNull(FileTexts.clean("", 100));
    assertNull(FileTexts.clean(null, 100));
  }

  @Test
  void readsLatin1AndC1BytesAsText() {
    String latin1 =
        new String(new byte[] {'C', (byte) 0xE9, (byte) 0x85, 'x'}, StandardCharsets.ISO_8859_1);
    assertEquals("Cé x", FileTexts.clean(latin1, 100));
    String broken = new String(new byte[] {'a', (byte) 0xC3, 'b'}, StandardCharsets.UTF_8);
    assertEquals("a\uFFFDb", FileTexts.clean(broken, 100), "a replacement character stays");
  }

  @Test
  void neverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00".repeat(100);
    String cut = FileTexts.clean(emoji, 51);
    assertTrue(cut.length() <= 51);
    assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 2)), cut);
    assertEquals(cut, FileTexts.storable(cut), "nothing unpaired is left");
  }

  @Test
  void keepsTheExtensionOfACutName() {
    String name = FileTexts.name("long-name-".repeat(100) + ".jpeg", 500);
    assertEquals(500, name.length());
    assertTrue(name.startsWith("long-name-long") && name.endsWith("name-.jpeg"), name);
    assertTrue(name.contains(FileTexts.CUT), name);
    assertEquals("unnamed", FileTexts.name("\0\0", 500));
    assertEquals("ab.jpg", FileTexts.name("a\0b.jpg", 500));
    assertEquals("ünïcødé.jpg", FileTexts.name("ünïcødé.jpg", 500));
  }

  @Test
  void keepsAnIdentifierAsItIsButForWhatCannotBeStored() {
    assertEquals("dir/ a  b\t.jpg", FileTexts.storable("dir/ a  b\t.jpg"));
    assertEquals("ab", FileTexts.storable("a\0b"));
    assertEquals("ab", FileTexts.storable("a\uDC00b"));
    assertNull(FileTexts.storable(null));
  }
}
