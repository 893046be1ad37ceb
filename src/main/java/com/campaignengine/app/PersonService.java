package com.campaignengine.app;

import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.Page;
import com.campaignengine.store.DuplicateException;
import com.campaignengine.store.PersonStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** People: created one at a time or imported from CSV ({@link PeopleImport}). */
public final class PersonService {
  private static final Pattern CUSTOM_KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private final PersonStore people;
  private final Clock clock;

  public PersonService(PersonStore people, Clock clock) {
    this.people = people;
    this.clock = clock;
  }

  public Person create(long workspaceId, PersonDraft draft) {
    check(draft, "");
    try {
      return people.create(workspaceId, normalized(draft), clock.instant());
    } catch (DuplicateException e) {
      throw new ConflictException("email_address", e.getMessage(), e.existingId());
    }
  }

  public Person get(long workspaceId, long personId) {
    return people
        .find(workspaceId, personId)
        .orElseThrow(() -> new NotFoundException("no person " + personId));
  }

  /**
   * Erases a person (see {@link PersonStore#erase}); {@code keepSuppressed} keeps the address
   * suppressed as a hash, the default, so an erased person is never emailed again.
   */
  public PersonStore.Erasure erase(long workspaceId, long personId, boolean keepSuppressed) {
    return people
        .erase(workspaceId, personId, keepSuppressed, clock.instant())
        .orElseThrow(() -> new NotFoundException("no person " + personId));
  }

  /** Everything stored about a person, as a JSON document. */
  public String export(long workspaceId, long personId) {
    return people
        .export(workspaceId, personId)
        .orElseThrow(() -> new NotFoundException("no person " + personId));
  }

  public Page<Person> list(long workspaceId, String emailAddress, long afterId, int limit) {
    return people.list(workspaceId, emailAddress, afterId, limit);
  }

  /** Inserts or updates (by address) people in one transaction; each is checked first. */
  public PersonStore.ImportCounts saveAll(long workspaceId, List<PersonDraft> drafts) {
    for (int i = 0; i < drafts.size(); i++) {
      check(drafts.get(i), "people[" + i + "].");
    }
    return people.upsertAll(
        workspaceId, drafts.stream().map(PersonService::normalized).toList(), clock.instant());
  }

  /**
   * Imports the rows {@code rows} feeds, checked and normalized by the caller ({@link #check},
   * {@link #normalized}), in one transaction: see {@link PersonStore#importRows}.
   */
  PersonStore.ImportedRows importRows(long workspaceId, PersonStore.RowSource rows) {
    return people.importRows(workspaceId, clock.instant(), rows);
  }

  /** Throws a validation error naming the field (prefixed for nested use) if the draft is bad. */
  static void check(PersonDraft draft, String prefix) {
    if (!EmailAddresses.isValid(draft.emailAddress())) {
      throw new ValidationException(prefix + "email_address", "not a valid email address");
    }
    TimeZones.check(prefix + "timezone", draft.timezone());
    checkText(prefix + "first_name", draft.firstName());
    checkText(prefix + "last_name", draft.lastName());
    checkText(prefix + "title", draft.title());
    if (draft.company() != null) {
      checkText(prefix + "company.name", draft.company().name());
      checkText(prefix + "company.domain", draft.company().domain());
    }
    for (Map.Entry<String, String> field : draft.custom().entrySet()) {
      if (!CUSTOM_KEY.matcher(field.getKey()).matches()) {
        throw new ValidationException(
            prefix + "custom." + field.getKey(), "custom keys are 1-64 letters, digits or '_'");
      }
      if (field.getValue() != null
          && (field.getValue().length() > 10_000 || field.getValue().indexOf('\0') >= 0)) {
        throw new ValidationException(prefix + "custom." + field.getKey(), "value is too long");
      }
    }
  }

  private static void checkText(String field, String value) {
    if (value != null && (value.length() > 500 || breaksLine(value))) {
      throw new ValidationException(field, field + " must be one line of at most 500 characters");
    }
  }

  /** A CR, LF or NUL: a loop, not a regular expression, as an import checks millions of values. */
  private static boolean breaksLine(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == '\0') {
        return true;
      }
    }
    return false;
  }

  static PersonDraft normalized(PersonDraft d) {
    return new PersonDraft(
        d.emailAddress().strip(),
        d.firstName(),
        d.lastName(),
        d.title(),
        d.timezone(),
        d.company(),
        d.custom());
  }
}
