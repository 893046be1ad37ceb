package com.campaignengine.store;

import com.campaignengine.readmodel.AuditRecord;
import com.campaignengine.readmodel.Page;
import java.time.Instant;

/**
 * Reads a workspace's audit log. Rows are written by the store itself, in the transaction of each
 * change a write request makes (see {@code access.AuditScope}); old ones go with retention ({@link
 * RetentionStore#pruneEvents}).
 */
public interface AuditStore {
  /**
   * What to list; every filter is optional ({@code null}).
   *
   * @param since rows at or after this instant
   * @param actor rows whose actor text is exactly this
   * @param actorUserId rows by this user
   * @param actorKeyId rows by this API key
   * @param objectType rows about objects of this type
   * @param objectId rows about this object (with {@code objectType})
   * @param before rows older than this row id (the cursor); {@code null} from the newest
   * @param limit at most this many rows
   */
  record Query(
      Instant since,
      String actor,
      Long actorUserId,
      Long actorKeyId,
      String objectType,
      String objectId,
      Long before,
      int limit) {}

  /** The workspace's rows that match, newest first, with the cursor of the next (older) page. */
  Page<AuditRecord> list(long workspaceId, Query query);
}
