package com.campaignengine.readmodel;

import com.campaignengine.campaign.ReplyCategory;

/**
 * Which replies of the inbox to list: each filter null for any; unhandled first, newest first.
 *
 * @param afterHandled with {@code afterId}, the position of the last row of the previous page
 * @param afterId the id of the last row of the previous page, or null for the first page
 */
public record InboxQuery(
    Long campaignId,
    ReplyCategory category,
    Boolean handled,
    boolean afterHandled,
    Long afterId,
    int limit) {}
