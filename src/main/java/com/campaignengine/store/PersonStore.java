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
}
