package com.campaignengine.store;

import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.PersonDraft;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** People of a workspace; an email address is unique per workspace (case-insensitive). */
public interface PersonStore {
  /** Throws {@link DuplicateException} if the address exists. */
  Person create(long workspaceId, PersonDraft draft, Instant now);

  /** Inserts new people and updates existing ones (by address) in one transaction. */
  ImportCounts upsertAll(long workspaceId, List<PersonDraft> drafts, Instant now);

  Optional<Person> find(long workspaceId, long personId);

  Page<Person> list(long workspaceId, String emailAddress, long afterId, int limit);

  /** Which of these ids are people of the workspace. */
  List<Person> findAll(long workspaceId, List<Long> personIds);

  /** Counts of an import. */
  record ImportCounts(int imported, int updated) {}
}
