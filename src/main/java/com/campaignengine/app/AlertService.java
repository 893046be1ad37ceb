package com.campaignengine.app;

import com.campaignengine.alerts.AlertRecord;
import com.campaignengine.alerts.AlertStatus;
import com.campaignengine.alerts.AlertStore;
import com.campaignengine.readmodel.Page;

/** The alerts of a workspace as operators see them ({@code GET /api/v1/alerts}). */
public final class AlertService {
  private final AlertStore store;

  public AlertService(AlertStore store) {
    this.store = store;
  }

  /**
   * Newest first; {@code status} null lists both; {@code cursor} is the previous page's last id.
   */
  public Page<AlertRecord> list(long workspaceId, AlertStatus status, long cursor, int limit) {
    return store.list(workspaceId, status, cursor, limit);
  }
}
