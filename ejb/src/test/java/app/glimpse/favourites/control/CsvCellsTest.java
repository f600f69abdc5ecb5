package app.glimpse.favourites.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

  @Test
  void everyCellIsQuotedAndQuotesAreDoubled() {
    assertEquals(
        "\"Anna\",\"say \"\"cheese\"\", please.jpg\",\"\"\r\n",
        CsvCells.line(Arrays.asList("Anna", "say \"cheese\", please.jpg", null)));
    assertEquals("\"two\nlines\"", CsvCells.cell("two\nlines"));
  }

  @Test
  void whatASpreadsheetWouldRunStaysText() {
    for (String formula :
        List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd", "=HYPERLINK(\"x\")")) {
      String cell = CsvCells.cell(formula);
      assertEquals("\"'" + formula.replace("\"", "\"\"") + "\"", cell, formula);
    }
    assertEquals("\"Anna = Ben\"", CsvCells.cell("Anna = Ben"), "only a leading sign counts");
  }
}
