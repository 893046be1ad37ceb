package com.campaignengine.node;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxConnection;
import com.campaignengine.inbound.InboundSource;
import com.campaignengine.inbound.InboundSources;
import com.campaignengine.inbound.Poll;
import com.campaignengine.inbound.RawInbound;
import com.campaignengine.inbound.gmail.GmailHistory;
import com.campaignengine.inbound.imap.ImapInbox;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * A mailbox's inbound source: its IMAP inbox when it has IMAP settings, else Gmail's history for a
 * Gmail mailbox. Built once per settings version, like the transports.
 */
final class ProviderInboundSources implements InboundSources, AutoCloseable {
  private record Built(int settingsVersion, InboundSource source, AutoCloseable closer) {}

  private final ProviderSettings providerSettings;
  private final LongFunction<Map<String, String>> secrets;
  private final ConcurrentHashMap<Long, Built> byMailbox = new ConcurrentHashMap<>();

  ProviderInboundSources(
      ProviderSettings providerSettings, LongFunction<Map<String, String>> secrets) {
    this.providerSettings = providerSettings;
    this.secrets = secrets;
  }

  @Override
  public Optional<InboundSource> sourceFor(Mailbox mailbox) {
    MailboxConnection connection = mailbox.connection();
    Map<String, Map<String, Object>> settings = ProviderSettings.sections(connection.settings());
    if (!settings.containsKey("imap") && !connection.provider().equals("gmail")) {
      return Optional.empty();
    }
    Built built =
        byMailbox.compute(
            mailbox.id(),
            (id, current) -> {
              if (current != null && current.settingsVersion() == connection.settingsVersion()) {
                return current;
              }
              closeQuietly(current);
              return build(mailbox, settings, secrets.apply(id));
            });
    return Optional.of(built.source());
  }

  private Built build(
      Mailbox mailbox, Map<String, Map<String, Object>> settings, Map<String, String> secrets) {
    if (settings.containsKey("imap")) {
      ImapInbox inbox = new ImapInbox(ProviderSettings.imap(settings.get("imap"), secrets));
      return new Built(
          mailbox.connection().settingsVersion(),
          source("imap", inbox::poll, inbox::awaitNewMail),
          inbox);
    }
    GmailHistory history = new GmailHistory(providerSettings.gmail(settings, secrets));
    return new Built(
        mailbox.connection().settingsVersion(), source("gmail", history::poll, max -> false), null);
  }

  private interface Poller {
    Poll poll(String checkpoint, int max);
  }

  private interface Idler {
    boolean await(java.time.Duration max);
  }

  private static InboundSource source(String name, Poller poller, Idler idler) {
    return new InboundSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean awaitNewMail(java.time.Duration max) {
        return idler.await(max);
      }

      @Override
      public Batch poll(String checkpoint, int max) {
        Poll poll = poller.poll(checkpoint, max);
        return new Batch(
            poll.messages().stream().map(ProviderInboundSources::raw).toList(), poll.checkpoint());
      }
    };
  }

  private static InboundSource.Raw raw(RawInbound message) {
    return new InboundSource.Raw(message.sourceId(), message.raw(), message.receivedAt());
  }

  private static void closeQuietly(Built built) {
    if (built != null && built.closer() != null) {
      try {
        built.closer().close();
      } catch (Exception e) {
        // an inbox we no longer read: nothing to do about a failure to close it
      }
    }
  }

  @Override
  public void close() {
    byMailbox.values().forEach(ProviderInboundSources::closeQuietly);
    byMailbox.clear();
  }
}
