package com.campaignengine.app;

import com.campaignengine.failure.ValidationException;
import com.campaignengine.store.RetentionStore;
import java.time.Clock;

/**
 * A workspace's retention over the API: its own number of days (0 keeps everything) or, when it has
 * none, the server's default.
 */
public final class RetentionSettings {
  /** The longest a workspace may ask for: ten years. */
  public static final int MAX_DAYS = 3650;

  /** What applies to a workspace: its own setting, or null, and the server's default. */
  public record Current(Integer workspaceDays, long serverDefaultDays) {
    public long effectiveDays() {
      return workspaceDays != null ? workspaceDays : serverDefaultDays;
    }
  }

  private final RetentionStore store;
  private final Retention retention;
  private final Clock clock;

  public RetentionSettings(RetentionStore store, Retention retention, Clock clock) {
    this.store = store;
    this.retention = retention;
    this.clock = clock;
  }

  public Current get(long workspaceId) {
    return new Current(store.retentionDays(workspaceId), retention.serverDefault().toDays());
  }

  /** Sets the workspace's own retention; null returns it to the server's default. */
  public Current set(long workspaceId, Integer days) {
    if (days != null && (days < 0 || days > MAX_DAYS)) {
      throw new ValidationException(
          "retention_days",
          "retention_days must be between 0 (keep forever) and "
              + MAX_DAYS
              + ", or null for the server's default");
    }
    store.setRetentionDays(workspaceId, days, clock.instant());
    return get(workspaceId);
  }
}
