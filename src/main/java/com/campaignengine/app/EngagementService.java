package com.campaignengine.app;

import com.campaignengine.store.InboundStore;
import com.campaignengine.store.InboundStore.SendRef;
import com.campaignengine.tracking.MachineOpens;
import com.campaignengine.tracking.TrackingTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the public links of an email do: record an open, redirect a click (only to a URL that was in
 * that email), unsubscribe. A token that does not open with our key, or names no send, changes
 * nothing and is answered as not found.
 */
public final class EngagementService {
  private final InboundStore store;
  private final TrackingTokens tokens;
  private final Clock clock;

  public EngagementService(InboundStore store, TrackingTokens tokens, Clock clock) {
    this.store = store;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** Who is unsubscribing, for the confirmation page. */
  public record Recipient(String maskedAddress) {}

  public boolean open(String token, String userAgent, String remoteAddress) {
    Optional<SendRef> send = send(token, TrackingTokens.Kind.OPEN);
    send.ifPresent(
        s ->
            store.recordEvent(
                s, "opened", null, machine(s, userAgent, remoteAddress), clock.instant()));
    return send.isPresent();
  }

  /** The URL to redirect to, recording the click; empty for a bad token. */
  public Optional<String> click(String token, String userAgent, String remoteAddress) {
    Optional<TrackingTokens.Token> read =
        tokens.read(token).filter(t -> t.kind() == TrackingTokens.Kind.CLICK);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Optional<SendRef> send = store.findByExecutionId(read.get().sendId());
    Optional<String> url = send.flatMap(s -> store.link(s.sendId(), read.get().linkIndex()));
    if (url.isPresent()) {
      store.recordEvent(
          send.get(),
          "clicked",
          read.get().linkIndex(),
          machine(send.get(), userAgent, remoteAddress),
          clock.instant());
    }
    return url;
  }

  public Optional<Recipient> unsubscribeTarget(String token) {
    return send(token, TrackingTokens.Kind.UNSUBSCRIBE)
        .map(s -> new Recipient(mask(s.toAddress())));
  }

  /** Suppresses the address and stops all its sequences in the workspace (RFC 8058 one-click). */
  public boolean unsubscribe(String token) {
    Optional<SendRef> send = send(token, TrackingTokens.Kind.UNSUBSCRIBE);
    send.ifPresent(
        s ->
            store.suppress(
                s.workspaceId(), s.toAddress(), "unsubscribed", s.sendId(), clock.instant()));
    return send.isPresent();
  }

  private Optional<SendRef> send(String token, TrackingTokens.Kind kind) {
    return tokens
        .read(token)
        .filter(t -> t.kind() == kind)
        .flatMap(t -> store.findByExecutionId(t.sendId()));
  }

  private boolean machine(SendRef send, String userAgent, String remoteAddress) {
    Instant sentAt = send.sentAt();
    Duration since = sentAt == null ? null : Duration.between(sentAt, clock.instant());
    return MachineOpens.likely(userAgent, remoteAddress, since);
  }

  static String mask(String address) {
    int at = address.indexOf('@');
    if (at <= 1) {
      return address;
    }
    return address.charAt(0) + "***" + address.substring(at);
  }
}
