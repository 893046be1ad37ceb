package com.campaignengine.store;

import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.readmodel.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** People of a workspace; an email address is unique per workspace (case-insensitive). */
public interface PersonStore {
  /** Throws {@link DuplicateException} if the address exists. */
  Person create(long workspaceId, PersonDraft draft, Instant now);

  /**
   * Inserts new people and updates existing ones (by address) in one transaction; the counts carry
   * each person's id in the order of {@code drafts}.
   */
  ImportCounts upsertAll(long workspaceId, List<PersonDraft> drafts, Instant now);

  /**
   * Imports people in one transaction, set-based: {@code rows} hands each row, checked and
   * normalized, to the sink, lines increasing; then a row whose address an earlier row of this
   * import gave (case-insensitively) is left out as a duplicate, the first stands; the others are
   * inserted, or updated by address as {@link #upsertAll} does, their companies found or created as
   * there (by domain, else by name; a new one takes its first row's name). If {@code rows} or the
   * sink throws, nothing is written and the exception propagates. {@code rows} runs on the caller's
   * thread while a database transaction is open, so it should not wait on anything slower than
   * reading its input.
   */
  ImportedRows importRows(long workspaceId, Instant now, RowSource rows);

  Optional<Person> find(long workspaceId, long personId);

  Page<Person> list(long workspaceId, String emailAddress, long afterId, int limit);

  /** Which of these ids are people of the workspace. */
  List<Person> findAll(long workspaceId, List<Long> personIds);

  /** Counts of an import and the ids of its people, in the order they were given. */
  record ImportCounts(int imported, int updated, List<Long> ids) {}

  /** Feeds the rows of an import to a sink, in order. */
  @FunctionalInterface
  interface RowSource {
    void feed(RowSink sink);
  }

  /** Takes one row of an import: its line in the input (increasing) and the checked draft. */
  @FunctionalInterface
  interface RowSink {
    void add(long line, PersonDraft draft);
  }

  /**
   * What {@link #importRows} wrote: how many people are new and how many were updated; for each row
   * written, its line and the person's id ({@code lines[i]} is {@code ids[i]}, lines increasing);
   * and the lines left out as duplicates, increasing. Primitive arrays, not lists: an import may
   * have a million rows.
   */
  record ImportedRows(int imported, int updated, long[] lines, long[] ids, long[] duplicateLines) {}

  /**
   * Erases the person: the row goes, their enrollments stop, and their name, address and custom
   * fields leave their sends, replies, bounces and webhook payloads, in one transaction. With
   * {@code keepSuppressed} the address stays suppressed as a hash (never emailed again); without,
   * any suppression of it goes too. Empty if there is no such person.
   */
  Optional<Erasure> erase(long workspaceId, long personId, boolean keepSuppressed, Instant now);

  /**
   * Everything stored about the person as one JSON document (person, company, enrollments,
   * executions, sends, events, replies, bounces, suppressions, personalizations, webhook
   * deliveries; columns as stored). Empty if there is no such person.
   */
  Optional<String> export(long workspaceId, long personId);

  /** What an erasure did. */
  record Erasure(
      int enrollmentsStopped, int sendsRedacted, int repliesRedacted, boolean suppressed) {}
}
