package com.campaignengine.store;

import com.campaignengine.readmodel.AuditQuery;
import com.campaignengine.readmodel.AuditRecord;
import com.campaignengine.readmodel.Page;

/**
 * Reads a workspace's audit log. Rows are written by the store itself, in the transaction of each
 * change a write request makes (see {@code access.AuditScope}); old ones go with retention ({@link
 * RetentionStore#pruneEvents}).
 */
public interface AuditStore {
  /** The workspace's rows that match, newest first, with the cursor of the next (older) page. */
  Page<AuditRecord> list(long workspaceId, AuditQuery query);
}
