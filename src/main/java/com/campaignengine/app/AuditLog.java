package com.campaignengine.app;

import com.campaignengine.readmodel.AuditQuery;
import com.campaignengine.readmodel.AuditRecord;
import com.campaignengine.readmodel.Page;
import com.campaignengine.store.AuditStore;

/**
 * A workspace's audit log: who changed what through the API, newest first. The rows are written by
 * the store in each change's own transaction; this only reads them.
 */
public final class AuditLog {
  private final AuditStore store;

  public AuditLog(AuditStore store) {
    this.store = store;
  }

  /** One page of the workspace's rows that match {@code query}, newest first. */
  public Page<AuditRecord> list(long workspaceId, AuditQuery query) {
    return store.list(workspaceId, query);
  }
}
