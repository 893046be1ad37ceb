package com.campaignengine.readmodel;

import com.campaignengine.campaign.ReplyCategory;
import java.time.Instant;

/**
 * One reply as the inbox shows it.
 *
 * @param body the plain text the sender wrote, quoted history trimmed; empty for replies recorded
 *     before the inbox or by hand
 * @param category null for replies recorded before the inbox
 * @param categorySetBy {@code model}, {@code keywords}, or the user or API key that set it
 * @param stepId the step whose email was answered, or null
 * @param kind {@code reply} or {@code auto_reply}
 */
public record InboxReply(
    long id,
    long campaignId,
    String campaignName,
    Long stepId,
    long enrollmentId,
    long personId,
    String personName,
    String fromAddress,
    String subject,
    String body,
    String kind,
    ReplyCategory category,
    String categorySetBy,
    Instant categorySetAt,
    boolean handled,
    Instant handledAt,
    Instant receivedAt) {}
