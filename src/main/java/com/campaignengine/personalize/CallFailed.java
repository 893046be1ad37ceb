package com.campaignengine.personalize;

/** A provider call that produced no usable HTTP response; the message is a log-safe reason. */
final class CallFailed extends Exception {

  private static final long serialVersionUID = 1L;

  CallFailed(String reason) {
    super(reason, null, false, false);
  }
}
