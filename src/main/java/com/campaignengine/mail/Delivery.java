package com.campaignengine.mail;

/** Answer of {@link MailTransport#lookup}: what the provider knows about one Message-ID. */
public enum Delivery {
  /** The provider accepted the message; do not send it again. */
  DELIVERED,
  /** The provider reliably knows it never accepted the message; it is safe to send it. */
  NOT_DELIVERED,
  /** The provider cannot tell; the caller must apply its own policy. */
  UNKNOWN
}
