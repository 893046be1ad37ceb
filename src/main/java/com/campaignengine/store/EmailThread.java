package com.campaignengine.store;

import java.util.List;

/**
 * The emails an enrollment has been sent so far, oldest first: what a same-thread follow-up replies
 * to ({@code In-Reply-To} the last, {@code References} all, Gmail's thread id).
 */
public record EmailThread(List<String> messageIds, String firstSubject, String providerThreadId) {
  public EmailThread {
    messageIds = List.copyOf(messageIds);
  }

  public String lastMessageId() {
    return messageIds.get(messageIds.size() - 1);
  }
}
