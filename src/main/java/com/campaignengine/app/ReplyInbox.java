package com.campaignengine.app;

import com.campaignengine.campaign.ReplyCategory;
import com.campaignengine.readmodel.InboxQuery;
import com.campaignengine.readmodel.InboxReply;
import com.campaignengine.store.ReplyStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The reply inbox: the workspace's replies, unhandled first, and the corrections people make to
 * them (a category, recorded with who set it; handled or not).
 */
public final class ReplyInbox {
  private final ReplyStore replies;
  private final Clock clock;

  public ReplyInbox(ReplyStore replies, Clock clock) {
    this.replies = replies;
    this.clock = clock;
  }

  public List<InboxReply> list(long workspaceId, InboxQuery query) {
    return replies.list(workspaceId, query);
  }

  public Optional<InboxReply> find(long workspaceId, long replyId) {
    return replies.find(workspaceId, replyId);
  }

  /**
   * Sets the category ({@code actor} recorded as who set it) and/or handled; null leaves either as
   * it is. {@code unsubscribe_request} suppresses the sender as an unsubscribe link does.
   */
  public Optional<InboxReply> update(
      long workspaceId, long replyId, ReplyCategory category, Boolean handled, String actor) {
    return replies.update(workspaceId, replyId, category, actor, handled, clock.instant());
  }
}
