package com.campaignengine.readmodel;

import java.time.Instant;

/**
 * A mailbox's sending today against its cap (its local day), its errors in the last 24 hours
 * (failed or in-doubt sends), its status, and how much work waits on it.
 */
public record MailboxStats(
    long mailboxId,
    String email,
    String provider,
    String status,
    String statusReason,
    int dailyLimit,
    int sentToday,
    long errorsLast24h,
    long activeEnrollments,
    Instant deferredUntil) {}
