package com.campaignengine.inbound;

import com.campaignengine.inbound.classify.InboundMessage;
import com.campaignengine.inbound.classify.InboundParser;
import com.campaignengine.store.InboundStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound pipeline's intake (see {@link InboundIntake}): parse, skip what the mailbox has
 * processed, process, remember. A message is remembered only after it was processed, so a crash in
 * between processes it again; the stores record the same reply, auto-reply or unsubscribe once
 * anyway. Thread-safe.
 */
public final class PipelineIntake implements InboundIntake {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineIntake.class);

  /** Longer Message-IDs (malicious or broken) are hashed to keep the key column small. */
  private static final int MAX_KEY = 250;

  private final InboundStore store;
  private final InboundProcessor processor;
  private final Clock clock;

  public PipelineIntake(InboundStore store, InboundProcessor processor, Clock clock) {
    this.store = store;
    this.processor = processor;
    this.clock = clock;
  }

  @Override
  public List<Taken> take(long mailboxId, List<RawInbound> messages) {
    List<Taken> taken = new ArrayList<>(messages.size());
    for (RawInbound raw : messages) {
      taken.add(take(mailboxId, raw));
    }
    return taken;
  }

  private Taken take(long mailboxId, RawInbound raw) {
    try {
      InboundMessage message = InboundParser.parse(raw.sourceId(), raw.raw(), raw.receivedAt());
      String key = key(message.messageId(), raw.raw());
      if (store.seen(mailboxId, key)) {
        LOG.debug("Mailbox(id={}) inbound {} seen before", mailboxId, raw.sourceId());
        return new Taken(raw.sourceId(), Fate.ALREADY_SEEN, null);
      }
      InboundProcessor.Outcome outcome = processor.process(mailboxId, message);
      store.markSeen(mailboxId, key, clock.instant());
      LOG.debug("Mailbox(id={}) inbound {} -> {}", mailboxId, raw.sourceId(), outcome);
      return new Taken(raw.sourceId(), Fate.PROCESSED, outcome);
    } catch (RuntimeException e) {
      LOG.warn("Mailbox(id={}) skipped inbound {}: {}", mailboxId, raw.sourceId(), e.toString());
      return new Taken(raw.sourceId(), Fate.FAILED, null);
    }
  }

  /**
   * The message's Message-ID, or {@code sha256:} of its header block (everything before the first
   * empty line): the same mail read twice has the same headers, whichever way it was read.
   */
  static String key(String messageId, byte[] raw) {
    if (messageId != null && !messageId.isBlank()) {
      return messageId.length() <= MAX_KEY
          ? messageId
          : "sha256:" + sha256(messageId.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
    }
    return "sha256:" + sha256(raw, headerLength(raw));
  }

  private static int headerLength(byte[] raw) {
    for (int i = 0; i + 1 < raw.length; i++) {
      if (raw[i] == '\n'
          && (raw[i + 1] == '\n'
              || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
        return i + 1;
      }
    }
    return raw.length;
  }

  private static String sha256(byte[] bytes, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, 0, Math.min(length, bytes.length));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
