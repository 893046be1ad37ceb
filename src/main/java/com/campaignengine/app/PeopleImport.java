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
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .get();
    try (CSVParser parser = CSVParser.parse(csv, format)) {
      List<String> header = parser.getHeaderNames();
      if (!header.stream()
          .map(h -> h.toLowerCase(Locale.ROOT))
          .toList()
          .contains("email_address")) {
        throw new ValidationException(
            "email_address", "the CSV header must have an email_address column");
      }
      List<PersonDraft> drafts = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      List<Skipped> skipped = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (CSVRecord record : parser) {
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

  private static PersonDraft draft(List<String> header, CSVRecord record) {
    Map<String, String> standard = new HashMap<>();
    Map<String, String> custom = new HashMap<>();
    for (String column : header) {
      String value = record.isSet(column) ? record.get(column) : null;
      if (value == null || value.isEmpty()) {
        continue;
      }
      String key = column.toLowerCase(Locale.ROOT);
      if (STANDARD.contains(key)) {
        standard.put(key, value);
      } else {
        custom.put(column.startsWith("custom.") ? column.substring(7) : column, value);
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
