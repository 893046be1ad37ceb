package com.campaignengine.store;

import com.campaignengine.campaign.ReplyCategory;
import com.campaignengine.readmodel.InboxQuery;
import com.campaignengine.readmodel.InboxReply;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reply inbox: replies and auto-replies with what they said, their category and whether they
 * are handled. Thread-safe.
 */
public interface ReplyStore {
  /** One page of the workspace's replies, unhandled first, newest first. */
  List<InboxReply> list(long workspaceId, InboxQuery query);

  /** A reply of the workspace. */
  Optional<InboxReply> find(long workspaceId, long replyId);

  /**
   * Sets a reply's category (recording {@code setBy} and {@code now}) and/or whether it is handled;
   * either may be null for "unchanged". Setting {@code unsubscribe_request} suppresses the sender's
   * address and ends its sequences, in the same transaction, as an unsubscribe link does. Empty
   * when the workspace has no such reply.
   */
  Optional<InboxReply> update(
      long workspaceId,
      long replyId,
      ReplyCategory category,
      String setBy,
      Boolean handled,
      Instant now);

  /**
   * Sets the category a model gave a reply, unless someone has set one since it was recorded (a
   * category not set by {@code keywords}); returns whether it did. An {@code unsubscribe_request}
   * suppresses as in {@link #update}.
   */
  boolean categorizedByModel(long workspaceId, long replyId, ReplyCategory category, Instant now);
}
