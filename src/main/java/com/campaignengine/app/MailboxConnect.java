package com.campaignengine.app;

import com.campaignengine.access.AuditEntry;
import com.campaignengine.access.AuditScope;
import com.campaignengine.access.Principal;
import com.campaignengine.access.Role;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.MailboxLimits;
import com.campaignengine.failure.CampaignEngineException;
import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.ForbiddenException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.store.MailboxConnectStore;
import com.campaignengine.store.MailboxConnectStore.PendingConnect;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Connect Gmail" and "Connect Microsoft 365": the OAuth 2.0 authorization-code flow with PKCE
 * (S256, RFC 7636) through the server's own OAuth client of each provider. {@link #start} saves a
 * single-use state (10 minutes; only its SHA-256 is stored) bound to the user who asked, and
 * answers the provider's consent URL; {@link #finish} takes the state back, exchanges the code,
 * reads the account's address and creates the mailbox owned by that user, or reconnects the mailbox
 * the flow was started for. Any refusal stores nothing.
 *
 * <p>The mailbox gets the server's client id and secret in its own settings, as if they had been
 * pasted, so the Gmail and Microsoft transports work unchanged; a new client secret on the server
 * therefore needs a reconnect of each such mailbox. Thread-safe.
 */
public final class MailboxConnect {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxConnect.class);

  /** How long the user may take at the provider's consent page. */
  public static final Duration STATE_LENGTH = Duration.ofMinutes(10);

  /** Google's cap for a consumer account (no {@code hd} claim): 500 recipients a day. */
  public static final int GMAIL_CONSUMER_DAILY_LIMIT = 500;

  /** Google's cap for a Google Workspace account ({@code hd} claim): 2,000 a day. */
  public static final int GMAIL_WORKSPACE_DAILY_LIMIT = 2_000;

  /** Exchange Online's recipient rate limit: 10,000 recipients a day. */
  public static final int MICROSOFT_DAILY_LIMIT = 10_000;

  /** Send, read replies (the Gmail reader and the send reconciliation), know the address. */
  public static final List<String> GOOGLE_SCOPES =
      List.of(
          "openid",
          "email",
          "https://www.googleapis.com/auth/gmail.send",
          "https://www.googleapis.com/auth/gmail.readonly");

  /** A refresh token, the address, send, read replies and find sent messages, the profile. */
  public static final List<String> MICROSOFT_SCOPES =
      List.of(
          "offline_access",
          "openid",
          "email",
          "https://graph.microsoft.com/Mail.Send",
          "https://graph.microsoft.com/Mail.ReadWrite",
          "https://graph.microsoft.com/User.Read");

  private static final List<String> PROVIDERS = List.of("google", "microsoft");
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One provider's OAuth client and endpoints.
   *
   * @param authorizeUrl the consent page
   * @param tokenUrl where the code is exchanged
   * @param identityUrl who the account is: Google's userinfo, Graph's {@code /me}
   * @param tenant Microsoft's directory ({@code common}…), stored with the mailbox; null for Google
   */
  public record Client(
      String clientId,
      String clientSecret,
      URI authorizeUrl,
      URI tokenUrl,
      URI identityUrl,
      String tenant) {
    @Override
    public String toString() {
      return "MailboxConnect.Client[clientId=" + clientId + ", clientSecret=<redacted>]";
    }
  }

  /**
   * @param google the server's Google client, or null: no "Connect Gmail"
   * @param microsoft the server's Microsoft client, or null: no "Connect Microsoft 365"
   * @param publicUrl the server's public URL; the callbacks are {@code
   *     <publicUrl>/oauth/{google|microsoft}/callback}
   */
  public record Settings(Client google, Client microsoft, String publicUrl) {
    public static Settings none(String publicUrl) {
      return new Settings(null, null, publicUrl);
    }
  }

  /** What the callback did: the mailbox, and whether it existed already. */
  public record Connected(Mailbox mailbox, boolean reconnected) {}

  /**
   * The callback cannot go on; nothing was stored. {@code reason} is a short id for the page,
   * {@code status} its HTTP status; the message is for the person connecting.
   */
  public static final class Refused extends CampaignEngineException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;

    public Refused(int status, String reason, String message) {
      super(message);
      this.status = status;
      this.reason = reason;
    }

    public int status() {
      return status;
    }

    public String reason() {
      return reason;
    }
  }

  private record Account(String email, String displayName, boolean workspaceDomain) {}

  private final Settings settings;
  private final MailboxConnectStore states;
  private final MailboxService mailboxes;
  private final Users users;
  private final Clock clock;
  private final HttpClient http;

  /**
   * @param users who started a flow: looked up again when it finishes (they may have been removed
   *     or lost the right to create mailboxes meanwhile)
   */
  public MailboxConnect(
      Settings settings,
      MailboxConnectStore states,
      MailboxService mailboxes,
      Users users,
      Clock clock) {
    this.settings = settings;
    this.states = states;
    this.mailboxes = mailboxes;
    this.users = users;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The providers whose client is configured: those the dashboard offers a button for. */
  public List<String> providers() {
    List<String> configured = new ArrayList<>();
    for (String provider : PROVIDERS) {
      if (client(provider) != null) {
        configured.add(provider);
      }
    }
    return configured;
  }

  /**
   * The redirect URI registered at the provider: {@code <public url>/oauth/<provider>/callback}.
   */
  public String redirectUri(String provider) {
    return settings.publicUrl() + "/oauth/" + provider + "/callback";
  }

  /**
   * Starts connecting a mailbox of {@code provider} for the calling user, or reconnecting their
   * mailbox {@code mailboxId}: saves the state and answers the provider's consent URL.
   *
   * @throws NotFoundException for an unknown provider, or a mailbox not in the workspace
   * @throws ValidationException when the server has no client for the provider, or the mailbox to
   *     reconnect is of another provider
   * @throws ForbiddenException for a caller without a user (a service key), or a mailbox the caller
   *     may not manage
   */
  public URI start(Principal caller, String provider, Long mailboxId) {
    Client client = configured(provider);
    if (caller.userId() == null) {
      throw new ForbiddenException(
          "user",
          "a mailbox is connected by the user who will own it: log in to the dashboard, or use a"
              + " key of your own (a user's key); a service key has no user (it can still create"
              + " a mailbox with pasted tokens: POST /api/v1/mailboxes)");
    }
    String email = null;
    if (mailboxId != null) {
      mailboxes.access().requireMayManage(caller, mailboxId);
      Mailbox mailbox = mailboxes.get(caller.workspaceId(), mailboxId);
      if (!mailbox.connection().provider().equals(mailboxProvider(provider))) {
        throw new ValidationException(
            "mailbox_id",
            "mailbox "
                + mailboxId
                + " is a "
                + mailbox.connection().provider()
                + " mailbox: only a "
                + mailboxProvider(provider)
                + " mailbox is reconnected through "
                + name(provider));
      }
      email = mailbox.email();
    }
    String state = Workspaces.newToken();
    String verifier = Workspaces.newToken(); // 32 random bytes, 43 characters of base64url
    Instant now = clock.instant();
    states.save(
        Workspaces.sha256(state),
        new PendingConnect(provider, caller.workspaceId(), caller.userId(), mailboxId, verifier),
        now,
        now.plus(STATE_LENGTH));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", client.clientId());
    query.put("redirect_uri", redirectUri(provider));
    query.put(
        "scope", String.join(" ", provider.equals("google") ? GOOGLE_SCOPES : MICROSOFT_SCOPES));
    query.put("state", state);
    query.put("code_challenge", OidcLogin.challenge(verifier));
    query.put("code_challenge_method", "S256");
    if (provider.equals("google")) {
      // A refresh token comes back only for offline access, and again only with a new consent.
      query.put("access_type", "offline");
      query.put("prompt", "consent");
    } else {
      query.put("response_mode", "query");
      query.put("prompt", "select_account");
    }
    if (email != null) {
      query.put("login_hint", email);
    }
    String base = client.authorizeUrl().toString();
    return URI.create(base + (base.contains("?") ? "&" : "?") + form(query));
  }

  /**
   * The provider's answer at {@code /oauth/<provider>/callback}: takes the state, exchanges the
   * code, reads the address, then creates or reconnects the mailbox.
   *
   * @param error the provider's {@code error} parameter ({@code access_denied}…), or null
   * @throws Refused when anything is denied, unknown, used, expired, mismatched or refused
   */
  public Connected finish(
      String provider, String code, String state, String error, String browserState) {
    if (!PROVIDERS.contains(provider)) {
      throw new Refused(404, "unknown-provider", "There is no provider '" + provider + "' here.");
    }
    Client client = client(provider);
    if (client == null) {
      throw new Refused(
          404,
          "not-configured",
          label(provider) + " is not set up on this server: ask its operator.");
    }
    // The state must be the one this browser was given when it started (a consent link sent to
    // someone else connects nothing, and its state stays unused).
    if (state == null
        || browserState == null
        || !java.security.MessageDigest.isEqual(
            state.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            browserState.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      throw new Refused(
          403,
          "other-browser",
          "This connect was not started in this browser, so nothing was connected. Start again"
              + " from your mailboxes.");
    }
    PendingConnect pending =
        state == null || state.isBlank()
            ? null
            : states.take(Workspaces.sha256(state), clock.instant()).orElse(null);
    if (error != null) {
      // Whether or not the state was good, it is used up now.
      throw new Refused(
          403,
          "denied",
          error.equals("access_denied")
              ? "You did not allow campaign-engine to use the mailbox, so nothing was connected."
                  + " Start again from the dashboard's Mailboxes page to connect it."
              : name(provider) + " refused: " + error + ". Nothing was connected.");
    }
    if (pending == null || !pending.provider().equals(provider)) {
      throw new Refused(
          400,
          "state",
          "This connect link has expired or was already used. Start again from the dashboard's"
              + " Mailboxes page.");
    }
    if (code == null || code.isBlank()) {
      throw new Refused(400, "no-code", name(provider) + " sent no authorization code.");
    }
    Principal user = stillAllowed(pending);
    JsonNode tokens = exchange(provider, client, code, pending.codeVerifier());
    String refreshToken = text(tokens, "refresh_token");
    String accessToken = text(tokens, "access_token");
    if (accessToken == null) {
      throw new Refused(502, "no-token", name(provider) + " sent no access token.");
    }
    if (refreshToken == null) {
      throw new Refused(
          502,
          "no-refresh-token",
          provider.equals("google")
              ? "Google sent no refresh token, so the mailbox could not be kept connected. Remove"
                  + " campaign-engine's access at https://myaccount.google.com/permissions, then"
                  + " connect again."
              : "Microsoft sent no refresh token (the offline_access permission was not granted),"
                  + " so the mailbox could not be kept connected. Connect again and accept every"
                  + " permission.");
    }
    Account account = account(provider, client, accessToken);
    Map<String, Object> section = new HashMap<>();
    section.put("client_id", client.clientId());
    if (client.tenant() != null) {
      section.put("tenant", client.tenant());
    }
    String mailboxProvider = mailboxProvider(provider);
    Map<String, String> secrets =
        Map.of(
            mailboxProvider + ".client_secret",
            client.clientSecret(),
            mailboxProvider + ".refresh_token",
            refreshToken);
    boolean reconnect = pending.mailboxId() != null;
    // Recorded in the audit log as the user's change, in the transaction of the change.
    AuditScope audit =
        AuditScope.open(
            new AuditEntry(
                user,
                "GET",
                "/oauth/{provider}/callback",
                reconnect ? "mailboxes.reconnect" : "mailboxes.connect",
                "mailboxes",
                reconnect ? String.valueOf(pending.mailboxId()) : null,
                !reconnect,
                clock.instant()));
    try {
      return reconnect
          ? reconnect(pending, account, mailboxProvider, section, secrets)
          : create(pending, provider, account, mailboxProvider, section, secrets);
    } finally {
      audit.close();
    }
  }

  /** The user who started the flow, as they are now: still there, and still allowed. */
  private Principal stillAllowed(PendingConnect pending) {
    Users.User user;
    try {
      user = users.get(pending.workspaceId(), pending.userId());
    } catch (NotFoundException e) {
      throw new Refused(403, "user", "The user who started connecting this mailbox is gone.");
    }
    Principal principal =
        new Principal(pending.workspaceId(), user.role(), user.id(), null, "user:" + user.email());
    if (!user.role().includes(Role.MEMBER)) {
      throw new Refused(
          403, "role", "A viewer cannot connect a mailbox: ask an admin for the member role.");
    }
    if (pending.mailboxId() != null) {
      try {
        mailboxes.access().requireMayManage(principal, pending.mailboxId());
      } catch (NotFoundException e) {
        throw new Refused(404, "gone", "The mailbox to reconnect no longer exists.");
      } catch (ForbiddenException e) {
        throw new Refused(403, "not-yours", e.getMessage());
      }
    }
    return principal;
  }

  private Connected create(
      PendingConnect pending,
      String provider,
      Account account,
      String mailboxProvider,
      Map<String, Object> section,
      Map<String, String> secrets) {
    MailboxDraft draft =
        new MailboxDraft(
            mailboxProvider,
            account.email(),
            account.displayName(),
            new MailboxLimits(dailyLimit(provider, account), null, 0, 0, "UTC"),
            Map.of(mailboxProvider, section),
            secrets);
    try {
      Mailbox created = mailboxes.create(pending.workspaceId(), pending.userId(), draft, false);
      LOG.info(
          "mailbox {} ({}) connected through {} by user {}",
          created.id(),
          mailboxProvider,
          provider,
          pending.userId());
      return new Connected(created, false);
    } catch (ConflictException e) {
      throw new Refused(
          409,
          "exists",
          "This workspace already has the mailbox "
              + account.email()
              + ": use its Reconnect button on the Mailboxes page instead.");
    } catch (ValidationException e) {
      throw new Refused(422, "invalid", "The mailbox could not be created: " + e.getMessage());
    }
  }

  private Connected reconnect(
      PendingConnect pending,
      Account account,
      String mailboxProvider,
      Map<String, Object> section,
      Map<String, String> secrets) {
    Mailbox mailbox;
    try {
      mailbox = mailboxes.get(pending.workspaceId(), pending.mailboxId());
    } catch (NotFoundException e) {
      throw new Refused(404, "gone", "The mailbox to reconnect no longer exists.");
    }
    if (!mailbox.email().equalsIgnoreCase(account.email())) {
      throw new Refused(
          409,
          "mismatch",
          "You signed in as "
              + account.email()
              + ", but this reconnects "
              + mailbox.email()
              + ". Nothing was changed: reconnect again and choose the account "
              + mailbox.email()
              + ".");
    }
    Map<String, Map<String, Object>> settings = new HashMap<>();
    mailbox.connection().settings().forEach((name, values) -> settings.put(name, plain(values)));
    Map<String, Object> merged = new HashMap<>(settings.getOrDefault(mailboxProvider, Map.of()));
    merged.putAll(section);
    settings.put(mailboxProvider, merged);
    Mailbox updated =
        mailboxes.updateCredentials(
            pending.workspaceId(), pending.mailboxId(), settings, secrets, false);
    LOG.info("mailbox {} reconnected by user {}", updated.id(), pending.userId());
    return new Connected(updated, true);
  }

  @SuppressWarnings("unchecked") // a stored section is a JSON object of plain settings
  private static Map<String, Object> plain(Object values) {
    return new HashMap<>((Map<String, Object>) values);
  }

  /** The default daily cap of a new mailbox, by the provider's documented limits. */
  private static int dailyLimit(String provider, Account account) {
    if (provider.equals("microsoft")) {
      return MICROSOFT_DAILY_LIMIT;
    }
    return account.workspaceDomain() ? GMAIL_WORKSPACE_DAILY_LIMIT : GMAIL_CONSUMER_DAILY_LIMIT;
  }

  private JsonNode exchange(String provider, Client client, String code, String verifier) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", redirectUri(provider));
    body.put("client_id", client.clientId());
    body.put("client_secret", client.clientSecret());
    body.put("code_verifier", verifier);
    HttpResponse<String> response =
        send(
            provider,
            HttpRequest.newBuilder(client.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))),
            "token endpoint");
    JsonNode json = parse(provider, response.body(), "token endpoint");
    if (response.statusCode() != 200) {
      String error = json == null ? null : text(json, "error");
      throw new Refused(
          502,
          "exchange",
          name(provider)
              + " refused the authorization ("
              + (error == null ? "HTTP " + response.statusCode() : error)
              + "). Nothing was connected: start again from the dashboard's Mailboxes page.");
    }
    if (json == null) {
      throw new Refused(502, "exchange", name(provider) + "'s token answer is not JSON.");
    }
    return json;
  }

  private Account account(String provider, Client client, String accessToken) {
    HttpResponse<String> response =
        send(
            provider,
            HttpRequest.newBuilder(client.identityUrl())
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET(),
            provider.equals("google") ? "userinfo endpoint" : "Graph /me");
    JsonNode json = parse(provider, response.body(), "account");
    if (response.statusCode() != 200 || json == null) {
      throw new Refused(
          502,
          "account",
          name(provider)
              + " did not say which account this is (HTTP "
              + response.statusCode()
              + ").");
    }
    if (provider.equals("google")) {
      String email = text(json, "email");
      if (email == null) {
        throw new Refused(502, "account", "Google did not say the account's address.");
      }
      if (!json.path("email_verified").asBoolean(false)) {
        throw new Refused(403, "unverified", "Google has not verified the address " + email + ".");
      }
      return new Account(email.strip(), oneLine(text(json, "name")), text(json, "hd") != null);
    }
    String email = text(json, "mail");
    if (email == null) {
      email = text(json, "userPrincipalName");
    }
    if (email == null) {
      throw new Refused(502, "account", "Microsoft Graph did not say the account's address.");
    }
    return new Account(email.strip(), oneLine(text(json, "displayName")), false);
  }

  private HttpResponse<String> send(String provider, HttpRequest.Builder request, String what) {
    try {
      return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Refused(
          502, "unreachable", name(provider) + "'s " + what + " could not be reached.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused(503, "interrupted", "The server is stopping: try again.");
    }
  }

  private static JsonNode parse(String provider, String body, String what) {
    try {
      JsonNode json = JSON.readTree(body);
      return json != null && json.isObject() ? json : null;
    } catch (IOException e) {
      LOG.debug("{}'s {} answer is not JSON", provider, what);
      return null;
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }

  private static String oneLine(String name) {
    if (name == null) {
      return null;
    }
    String line = name.replaceAll("[\\r\\n\\x00]", " ").strip();
    return line.isEmpty() ? null : line.length() > 200 ? line.substring(0, 200) : line;
  }

  private Client configured(String provider) {
    if (!PROVIDERS.contains(provider)) {
      throw new NotFoundException(
          "no provider '" + provider + "' to connect a mailbox with: use google or microsoft");
    }
    Client client = client(provider);
    if (client == null) {
      throw new ValidationException(
          "provider",
          label(provider)
              + " is not set up on this server: its operator sets "
              + (provider.equals("google")
                  ? "CAMPAIGN_ENGINE_GOOGLE_CLIENT_ID and CAMPAIGN_ENGINE_GOOGLE_CLIENT_SECRET"
                  : "CAMPAIGN_ENGINE_MICROSOFT_CLIENT_ID and CAMPAIGN_ENGINE_MICROSOFT_CLIENT_SECRET"));
    }
    return client;
  }

  private Client client(String provider) {
    return switch (provider) {
      case "google" -> settings.google();
      case "microsoft" -> settings.microsoft();
      default -> null;
    };
  }

  /** The mailbox provider a connect provider makes: google -> gmail, microsoft -> microsoft. */
  static String mailboxProvider(String provider) {
    return provider.equals("google") ? "gmail" : provider;
  }

  private static String name(String provider) {
    return provider.equals("google") ? "Google" : "Microsoft";
  }

  private static String label(String provider) {
    return provider.equals("google") ? "Connect Gmail" : "Connect Microsoft 365";
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
