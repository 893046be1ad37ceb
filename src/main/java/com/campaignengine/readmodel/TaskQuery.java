package com.campaignengine.readmodel;

import com.campaignengine.campaign.TaskStatus;
import java.time.Instant;

/**
 * Which tasks to list, soonest due first; each filter null for any.
 *
 * <p>The assignee filters add up: tasks assigned to {@code assigneeUserId}, to the user whose email
 * is {@code assigneeEmail}, and (with {@code unassigned}) tasks nobody is assigned to, which anyone
 * may do. All three absent: every task.
 *
 * @param afterDueAt with {@code afterId}, the position of the last row of the previous page
 */
public record TaskQuery(
    TaskStatus status,
    Long assigneeUserId,
    String assigneeEmail,
    boolean unassigned,
    Long campaignId,
    Instant afterDueAt,
    Long afterId,
    int limit) {}
