package app.glimpse.favourites.control;

import java.util.List;

/**
 * Cells of the favourites' CSV export (RFC 4180), safe to open in a spreadsheet: every cell is
 * quoted (quotes doubled), and a cell that a spreadsheet would take for a formula (starting with
 * {@code = + - @}, a tab or a carriage return, as OWASP lists them) gets a leading apostrophe, so a
 * guest named {@code =HYPERLINK(...)} stays text.
 */
public final class CsvCells {

  private CsvCells() {}

  /** One line of cells, ended by CRLF. */
  public static String line(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(cell(cells.get(i)));
    }
    return line.append("\r\n").toString();
  }

  /** One cell, quoted, defused if it could start a formula; null is an empty cell. */
  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "\"\"";
    }
    String text = startsFormula(value) ? "'" + value : value;
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  private static boolean startsFormula(String value) {
    char first = value.charAt(0);
    return first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r';
  }
}
