package com.campaignengine.app;

import com.campaignengine.campaign.Company;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.store.PersonStore;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV import of people: a header row names the columns ({@code email_address}, {@code first_name},
 * {@code last_name}, {@code title}, {@code timezone}, {@code company_name}, {@code company_domain};
 * any other column becomes a custom field). Bad rows are skipped with their line and reason; good
 * rows are written in one transaction, and reported with their line and the person's id (so a
 * client can enroll what it imported).
 */
public final class PeopleImport {
  /** At most this many rows per import, to keep one transaction reasonable. */
  public static final int MAX_ROWS = 100_000;

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

  /** What an import did; {@code saved} in the order of the file. */
  public record Report(int imported, int updated, List<Skipped> skipped, List<Saved> saved) {}

  public Report importCsv(long workspaceId, Reader csv) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(csv, format)) {
      Iterator<CSVRecord> records = parser.iterator();
      List<String> header = records.hasNext() ? header(records.next()) : List.of();
      if (!header.contains("email_address")) {
        throw new ValidationException(
            "email_address", "the CSV header must have an email_address column");
      }
      List<PersonDraft> drafts = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      List<Skipped> skipped = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      while (records.hasNext()) {
        CSVRecord record = records.next();
        if (drafts.size() + skipped.size() >= MAX_ROWS) {
          throw new ValidationException("body", "at most " + MAX_ROWS + " rows per import");
        }
        long line = parser.getCurrentLineNumber();
        try {
          PersonDraft draft = draft(header, record);
          PersonService.check(draft, "");
          if (!seen.add(draft.emailAddress().toLowerCase(Locale.ROOT))) {
            skipped.add(new Skipped(line, "duplicate email_address in this file"));
            continue;
          }
          drafts.add(draft);
          lines.add(line);
        } catch (ValidationException e) {
          skipped.add(new Skipped(line, e.field() + ": " + e.getMessage()));
        }
      }
      PersonStore.ImportCounts counts = people.saveAll(workspaceId, drafts);
      List<Saved> saved = new ArrayList<>(drafts.size());
      for (int i = 0; i < drafts.size(); i++) {
        saved.add(new Saved(lines.get(i), counts.ids().get(i)));
      }
      return new Report(counts.imported(), counts.updated(), skipped, saved);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      throw new ValidationException("body", "malformed CSV: " + e.getMessage());
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
