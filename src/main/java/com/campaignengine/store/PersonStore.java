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

  Optional<Person> find(long workspaceId, long personId);

  Page<Person> list(long workspaceId, String emailAddress, long afterId, int limit);

  /** Which of these ids are people of the workspace. */
  List<Person> findAll(long workspaceId, List<Long> personIds);

  /** Counts of an import and the ids of its people, in the order they were given. */
  record ImportCounts(int imported, int updated, List<Long> ids) {}

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
