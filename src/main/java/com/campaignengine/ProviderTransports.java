package com.campaignengine;

import com.campaignengine.app.MailboxVerifier;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.engine.TransportResolver;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.gmail.GmailTransport;
import com.campaignengine.mail.outbox.OutboxTransport;
import com.campaignengine.mail.resend.ResendSettings;
import com.campaignengine.mail.resend.ResendTransport;
import com.campaignengine.mail.smtp.SmtpTransport;
import com.campaignengine.mailbox.GmailSettings;
import com.campaignengine.mailbox.ImapSettings;
import com.campaignengine.mailbox.SmtpSettings;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Builds each mailbox's transport from its settings and opened secrets, once per settings version
 * (new credentials build a new transport; the old SMTP connection is closed), and verifies settings
 * for {@code ?verify=true}. The provider endpoints can be pointed elsewhere per mailbox ({@code
 * gmail.api_base_url}, {@code gmail.token_url}, {@code resend.base_url}) or for the whole node
 * ({@code CAMPAIGN_ENGINE_GMAIL_API_URL}, {@code CAMPAIGN_ENGINE_GMAIL_TOKEN_URL}, {@code
 * CAMPAIGN_ENGINE_RESEND_API_URL}).
 */
final class ProviderTransports implements TransportResolver, MailboxVerifier, AutoCloseable {

  /** Node-wide provider endpoints; null means the provider's production URL. */
  record Endpoints(URI gmailApi, URI gmailToken, URI resendApi) {
    static Endpoints fromEnvironment() {
      return new Endpoints(
          uri(System.getenv("CAMPAIGN_ENGINE_GMAIL_API_URL")),
          uri(System.getenv("CAMPAIGN_ENGINE_GMAIL_TOKEN_URL")),
          uri(System.getenv("CAMPAIGN_ENGINE_RESEND_API_URL")));
    }
  }

  private record Built(int settingsVersion, MailTransport transport) {}

  private final OutboxTransport outbox;
  private final LongFunction<Map<String, String>> secrets;
  private final Endpoints endpoints;
  private final ConcurrentHashMap<Long, Built> byMailbox = new ConcurrentHashMap<>();

  ProviderTransports(
      OutboxTransport outbox, LongFunction<Map<String, String>> secrets, Endpoints endpoints) {
    this.outbox = outbox;
    this.secrets = secrets;
    this.endpoints = endpoints;
  }

  @Override
  public MailTransport forMailbox(Mailbox mailbox) {
    Built built =
        byMailbox.compute(
            mailbox.id(),
            (id, current) -> {
              if (current != null && current.settingsVersion() == mailbox.settingsVersion()) {
                return current;
              }
              if (current != null) {
                closeQuietly(current.transport());
              }
              MailTransport transport =
                  create(mailbox.provider(), sections(mailbox.settings()), secrets.apply(id));
              return new Built(mailbox.settingsVersion(), transport);
            });
    return built.transport();
  }

  @Override
  public Optional<String> verify(
      String provider, Map<String, Map<String, Object>> settings, Map<String, String> secrets) {
    MailTransport transport;
    try {
      transport = create(provider, settings, secrets);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    try {
      if (transport instanceof SmtpTransport smtp) {
        return smtp.verify();
      } else if (transport instanceof GmailTransport gmail) {
        return gmail.verify();
      } else if (transport instanceof ResendTransport resend) {
        return resend.verify();
      }
      return Optional.empty();
    } finally {
      closeQuietly(transport);
    }
  }

  private MailTransport create(
      String provider, Map<String, Map<String, Object>> settings, Map<String, String> secrets) {
    return switch (provider) {
      case "outbox" -> outbox;
      case "smtp" ->
          new SmtpTransport(
              smtp(settings.get("smtp"), secrets), imap(settings.get("imap"), secrets));
      case "gmail" -> new GmailTransport(gmail(settings, secrets));
      case "resend" ->
          new ResendTransport(
              new ResendSettings(
                  secrets.get("resend.api_key"),
                  orDefault(
                      uri((String) settings.getOrDefault("resend", Map.of()).get("base_url")),
                      endpoints.resendApi()),
                  null));
      default -> throw new IllegalArgumentException("no transport for provider " + provider);
    };
  }

  GmailSettings gmail(Map<String, Map<String, Object>> settings, Map<String, String> secrets) {
    Map<String, Object> gmail = settings.getOrDefault("gmail", Map.of());
    return new GmailSettings(
        (String) gmail.get("client_id"),
        secrets.get("gmail.client_secret"),
        secrets.get("gmail.refresh_token"),
        orDefault(uri((String) gmail.get("api_base_url")), endpoints.gmailApi()),
        orDefault(uri((String) gmail.get("token_url")), endpoints.gmailToken()),
        null);
  }

  private static SmtpSettings smtp(Map<String, Object> s, Map<String, String> secrets) {
    String security = (String) s.getOrDefault("security", "starttls");
    int defaultPort = security.equals("tls") ? 465 : 587;
    return new SmtpSettings(
        (String) s.get("host"),
        (Integer) s.getOrDefault("port", defaultPort),
        (String) s.get("username"),
        secrets.get("smtp.password"),
        SmtpSettings.Security.valueOf(security.toUpperCase(Locale.ROOT)),
        null,
        null,
        Boolean.TRUE.equals(s.get("trust_all_certificates")));
  }

  static ImapSettings imap(Map<String, Object> s, Map<String, String> secrets) {
    if (s == null) {
      return null;
    }
    String security = (String) s.getOrDefault("security", "tls");
    boolean append = Boolean.TRUE.equals(s.get("append_to_sent"));
    return new ImapSettings(
        (String) s.get("host"),
        (Integer) s.getOrDefault("port", security.equals("tls") ? 993 : 143),
        (String) s.get("username"),
        secrets.get("imap.password"),
        SmtpSettings.Security.valueOf(security.toUpperCase(Locale.ROOT)),
        (String) s.get("sent_folder"),
        !append,
        append,
        Boolean.TRUE.equals(s.get("trust_all_certificates")));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> sections(Map<String, Object> settings) {
    Map<String, Map<String, Object>> sections = new java.util.HashMap<>();
    settings.forEach((name, value) -> sections.put(name, (Map<String, Object>) value));
    return sections;
  }

  private static URI uri(String value) {
    return value == null || value.isBlank() ? null : URI.create(value);
  }

  private static URI orDefault(URI value, URI fallback) {
    return value != null ? value : fallback;
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
