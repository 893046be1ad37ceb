package com.campaignengine.node;

import com.campaignengine.app.MailboxVerifier;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxConnection;
import com.campaignengine.engine.TransportResolver;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.gmail.GmailTransport;
import com.campaignengine.mail.microsoft.GraphTransport;
import com.campaignengine.mail.outbox.OutboxTransport;
import com.campaignengine.mail.resend.ResendTransport;
import com.campaignengine.mail.smtp.SmtpTransport;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Builds each mailbox's transport from its settings and opened secrets, once per settings version
 * (new credentials build a new transport; the old SMTP connection is closed), and verifies settings
 * for {@code ?verify=true}.
 */
final class ProviderTransports implements TransportResolver, MailboxVerifier, AutoCloseable {

  private record Built(int settingsVersion, MailTransport transport) {}

  private final OutboxTransport outbox;
  private final LongFunction<Map<String, String>> secrets;
  private final ProviderSettings providerSettings;
  private final RotatedSecrets rotated;
  private final ConcurrentHashMap<Long, Built> byMailbox = new ConcurrentHashMap<>();

  ProviderTransports(
      OutboxTransport outbox,
      LongFunction<Map<String, String>> secrets,
      ProviderSettings providerSettings,
      RotatedSecrets rotated) {
    this.outbox = outbox;
    this.secrets = secrets;
    this.providerSettings = providerSettings;
    this.rotated = rotated;
  }

  @Override
  public MailTransport forMailbox(Mailbox mailbox) {
    MailboxConnection connection = mailbox.connection();
    Built built =
        byMailbox.compute(
            mailbox.id(),
            (id, current) -> {
              if (current != null && current.settingsVersion() == connection.settingsVersion()) {
                return current;
              }
              if (current != null) {
                closeQuietly(current.transport());
              }
              MailTransport transport =
                  create(
                      connection.provider(),
                      ProviderSettings.sections(connection.settings()),
                      secrets.apply(id),
                      rotated.of(id, "microsoft.refresh_token"));
              return new Built(connection.settingsVersion(), transport);
            });
    return built.transport();
  }

  @Override
  public Optional<String> verify(
      String provider, Map<String, Map<String, Object>> settings, Map<String, String> secrets) {
    MailTransport transport;
    try {
      transport = create(provider, settings, secrets, token -> {});
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    try {
      if (transport instanceof SmtpTransport smtp) {
        return smtp.verify();
      } else if (transport instanceof GmailTransport gmail) {
        return gmail.verify();
      } else if (transport instanceof GraphTransport graph) {
        return graph.verify();
      } else if (transport instanceof ResendTransport resend) {
        return resend.verify();
      }
      return Optional.empty();
    } finally {
      closeQuietly(transport);
    }
  }

  /** {@code rotatedToken}: where a Microsoft mailbox's rotated refresh token goes. */
  private MailTransport create(
      String provider,
      Map<String, Map<String, Object>> settings,
      Map<String, String> secrets,
      Consumer<String> rotatedToken) {
    return switch (provider) {
      case "outbox" -> outbox;
      case "smtp" ->
          new SmtpTransport(
              ProviderSettings.smtp(settings.get("smtp"), secrets),
              ProviderSettings.imap(settings.get("imap"), secrets));
      case "gmail" -> new GmailTransport(providerSettings.gmail(settings, secrets));
      case "microsoft" ->
          new GraphTransport(providerSettings.microsoft(settings, secrets), rotatedToken);
      case "resend" -> new ResendTransport(providerSettings.resend(settings, secrets));
      default -> throw new IllegalArgumentException("no transport for provider " + provider);
    };
  }

  private static void closeQuietly(MailTransport transport) {
    if (transport instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // closing a connection we no longer use: nothing to do about a failure
      }
    }
  }

  @Override
  public void close() {
    byMailbox.values().forEach(built -> closeQuietly(built.transport()));
    byMailbox.clear();
  }
}
