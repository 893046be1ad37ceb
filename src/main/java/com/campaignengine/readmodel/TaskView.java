package com.campaignengine.readmodel;

import com.campaignengine.campaign.TaskStatus;
import java.time.Instant;

/**
 * A task as its list shows it: what to do, for whom, by when, and how it ended. {@code status} is
 * {@code cancelled} for a task left open when its sequence ended; {@code overdue} is true for an
 * open task past its due time. {@code assigneeUserId} null: anyone in the workspace.
 */
public record TaskView(
    long id,
    long campaignId,
    String campaignName,
    long stepId,
    String stepKey,
    long enrollmentId,
    long personId,
    String personName,
    String personEmail,
    String channel,
    String instructions,
    Long assigneeUserId,
    String assigneeEmail,
    Instant dueAt,
    boolean overdue,
    String onOverdue,
    TaskStatus status,
    String outcome,
    String closedBy,
    Instant closedAt,
    Instant createdAt) {}
