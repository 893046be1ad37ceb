package com.campaignengine.app;

import com.campaignengine.campaign.Company;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.store.PersonStore;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV import of people: a header row names the columns ({@code email_address}, {@code first_name},
 * {@code last_name}, {@code title}, {@code timezone}, {@code company_name}, {@code company_domain};
 * any other column becomes a custom field). Bad rows are skipped with their line and reason, and so
 * is a row whose address an earlier row of the file gave; good rows are written in one transaction,
 * and reported with their line and the person's id (so a client can enroll what it imported).
 *
 * <p>The CSV is read as a stream: each row is parsed and checked here, then handed to the store,
 * which copies it into the transaction as it comes and writes all rows with a few set-based
 * statements at the end ({@link PersonStore#importRows}). Neither the text nor the rows are held in
 * memory; what is kept per row is its line and its person's id.
 */
public final class PeopleImport {
  /** At most this many rows per import, to keep one transaction reasonable. */
  public static final int MAX_ROWS = 1_000_000;

  private static final String DUPLICATE = "duplicate email_address in this file";

  private static final Set<String> STANDARD =
      Set.of(
          "email_address",
          "first_name",
          "last_name",
          "title",
          "timezone",
          "company_name",
          "company_domain");

  private final PersonService people;

  public PeopleImport(PersonService people) {
    this.people = people;
  }

  /** A skipped row. */
  public record Skipped(long line, String reason) {}

  /** A row written: its line and the person's id. */
  public record Saved(long line, long personId) {}

  /**
   * What an import did; {@code skipped} and {@code saved} in the order of the file ({@code saved}
   * is a view over two arrays, its elements made as they are read).
   */
  public record Report(int imported, int updated, List<Skipped> skipped, List<Saved> saved) {}

  /**
   * Imports the CSV {@code csv} into the workspace, reading it once, to its end (unless it is
   * refused). A refusal of the whole file (no {@code email_address} column, malformed CSV, too many
   * rows, or whatever the reader throws, such as a body over its limit) writes nothing.
   */
  public Report importCsv(long workspaceId, Reader csv) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(csv, format)) {
      Iterator<CSVRecord> records = parser.iterator();
      List<String> header = hasNext(records) ? header(records.next()) : List.of();
      if (!header.contains("email_address")) {
        throw new ValidationException(
            "email_address", "the CSV header must have an email_address column");
      }
      List<Skipped> refused = new ArrayList<>();
      PersonStore.ImportedRows written =
          people.importRows(workspaceId, sink -> feed(parser, records, header, refused, sink));
      return new Report(
          written.imported(),
          written.updated(),
          skipped(refused, written.duplicateLines()),
          new SavedRows(written.lines(), written.ids()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and checks each row; hands the good ones to the store, keeps the refused ones. */
  private static void feed(
      CSVParser parser,
      Iterator<CSVRecord> records,
      List<String> header,
      List<Skipped> refused,
      PersonStore.RowSink sink) {
    long rows = 0;
    while (hasNext(records)) {
      CSVRecord record = records.next();
      if (rows++ >= MAX_ROWS) {
        throw new ValidationException("body", "at most " + MAX_ROWS + " rows per import");
      }
      long line = parser.getCurrentLineNumber();
      PersonDraft draft;
      try {
        draft = draft(header, record);
        PersonService.check(draft, "");
      } catch (ValidationException e) {
        refused.add(new Skipped(line, e.field() + ": " + e.getMessage()));
        continue;
      }
      sink.add(line, PersonService.normalized(draft));
    }
  }

  /** Whether another record follows; the parser's complaint about the text is a 422 on body. */
  private static boolean hasNext(Iterator<CSVRecord> records) {
    try {
      return records.hasNext();
    } catch (IllegalStateException | UncheckedIOException e) {
      throw new ValidationException("body", "malformed CSV: " + e.getMessage());
    }
  }

  /** The refused rows and the duplicates, both in line order, merged in line order. */
  private static List<Skipped> skipped(List<Skipped> refused, long[] duplicates) {
    List<Skipped> all = new ArrayList<>(refused.size() + duplicates.length);
    int r = 0;
    int d = 0;
    while (r < refused.size() || d < duplicates.length) {
      if (d == duplicates.length || (r < refused.size() && refused.get(r).line() < duplicates[d])) {
        all.add(refused.get(r++));
      } else {
        all.add(new Skipped(duplicates[d++], DUPLICATE));
      }
    }
    return all;
  }

  /** The rows written, as a list over the store's arrays. */
  private static final class SavedRows extends AbstractList<Saved> implements RandomAccess {
    private final long[] lines;
    private final long[] ids;

    SavedRows(long[] lines, long[] ids) {
      this.lines = lines;
      this.ids = ids;
    }

    @Override
    public Saved get(int index) {
      return new Saved(lines[index], ids[index]);
    }

    @Override
    public int size() {
      return lines.length;
    }
  }

  /**
   * The header row as the fields its columns fill, in order: a standard column by its lower-case
   * name, any other as {@code custom.<name>} (a {@code custom.} prefix is optional). A column
   * without a name, or two columns filling one field, would lose values: the import is refused.
   */
  private static List<String> header(CSVRecord row) {
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < row.size(); i++) {
      String column = row.get(i);
      if (column.isEmpty()) {
        throw new ValidationException("header", "column " + (i + 1) + " of the header has no name");
      }
      String lower = column.toLowerCase(Locale.ROOT);
      String field =
          STANDARD.contains(lower)
              ? lower
              : "custom." + (column.startsWith("custom.") ? column.substring(7) : column);
      int earlier = fields.indexOf(field);
      if (earlier >= 0) {
        throw new ValidationException(
            "header",
            "columns "
                + (earlier + 1)
                + " and "
                + (i + 1)
                + " of the header both fill '"
                + field
                + "' ('"
                + row.get(earlier)
                + "', '"
                + column
                + "')");
      }
      fields.add(field);
    }
    return fields;
  }

  private static PersonDraft draft(List<String> header, CSVRecord record) {
    Map<String, String> standard = new HashMap<>();
    Map<String, String> custom = new HashMap<>();
    for (int i = 0; i < header.size() && i < record.size(); i++) {
      String value = record.get(i);
      if (value.isEmpty()) {
        continue;
      }
      String field = header.get(i);
      if (field.startsWith("custom.")) {
        custom.put(field.substring(7), value);
      } else {
        standard.put(field, value);
      }
    }
    Company company =
        standard.containsKey("company_name") || standard.containsKey("company_domain")
            ? new Company(null, standard.get("company_name"), standard.get("company_domain"))
            : null;
    return new PersonDraft(
        standard.get("email_address"),
        standard.get("first_name"),
        standard.get("last_name"),
        standard.get("title"),
        standard.get("timezone"),
        company,
        custom);
  }
}
