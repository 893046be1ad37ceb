package com.campaignengine.node;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxConnection;
import com.campaignengine.inbound.InboundSource;
import com.campaignengine.inbound.InboundSources;
import com.campaignengine.inbound.gmail.GmailHistory;
import com.campaignengine.inbound.imap.ImapInbox;
import com.campaignengine.inbound.microsoft.GraphInbox;
import com.campaignengine.mailbox.ReplyDetection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * A mailbox's inbound source: its IMAP inbox when it has IMAP settings, else Gmail's history for a
 * Gmail mailbox, or Graph's Inbox delta for a Microsoft 365 mailbox. Built once per settings
 * version, like the transports.
 */
final class ProviderInboundSources implements InboundSources, AutoCloseable {
  private record Built(int settingsVersion, InboundSource source, AutoCloseable closer) {}

  private final ProviderSettings providerSettings;
  private final LongFunction<Map<String, String>> secrets;
  private final RotatedSecrets rotated;
  private final ConcurrentHashMap<Long, Built> byMailbox = new ConcurrentHashMap<>();

  ProviderInboundSources(
      ProviderSettings providerSettings,
      LongFunction<Map<String, String>> secrets,
      RotatedSecrets rotated) {
    this.providerSettings = providerSettings;
    this.secrets = secrets;
    this.rotated = rotated;
  }

  @Override
  public Optional<InboundSource> sourceFor(Mailbox mailbox) {
    MailboxConnection connection = mailbox.connection();
    Map<String, Map<String, Object>> settings = ProviderSettings.sections(connection.settings());
    if (ReplyDetection.of(connection.provider(), settings) == ReplyDetection.NONE) {
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
      return new Built(mailbox.connection().settingsVersion(), inbox, inbox);
    }
    if ("microsoft".equals(mailbox.connection().provider())) {
      GraphInbox inbox =
          new GraphInbox(
              providerSettings.microsoft(settings, secrets),
              rotated.of(mailbox.id(), "microsoft.refresh_token"));
      return new Built(mailbox.connection().settingsVersion(), inbox, null);
    }
    GmailHistory history = new GmailHistory(providerSettings.gmail(settings, secrets));
    return new Built(mailbox.connection().settingsVersion(), history, null);
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
