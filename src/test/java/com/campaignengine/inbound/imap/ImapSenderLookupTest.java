package com.campaignengine.inbound.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.RawInbound;
import com.campaignengine.inbound.Senders;
import com.campaignengine.mailbox.ImapSettings;
import com.campaignengine.mailbox.SmtpSettings.Security;
import com.campaignengine.testing.CountingProxy;
import com.campaignengine.testing.MailServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sender lookup the engine asks before a follow-up, against GreenMail through a proxy that
 * counts connections: addresses and whole domains, mail since an instant only, one connection
 * however many senders, and failures told apart from "nobody wrote".
 */
class ImapSenderLookupTest {
  private static final String EMAIL = "ada@recruit.example";
  private static final String LOGIN = "ada";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Instant SINCE =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(2));
  private static final Pattern MESSAGE_ID = Pattern.compile("Message-ID: (<[^>]+>)");

  @RegisterExtension static final MailServer MAIL = MailServer.withUser(EMAIL, LOGIN);

  private CountingProxy proxy;
  private ImapInbox inbox;

  @BeforeEach
  void connect() {
    proxy = CountingProxy.to(MAIL.getImap().getPort());
    inbox = new ImapInbox(settings(proxy.port(), MailServer.PASSWORD), TIMEOUT, TIMEOUT);
  }

  @AfterEach
  void close() {
    inbox.close();
    proxy.close();
  }

  @Test
  void finds_mail_from_the_addresses_and_domains_since_the_instant_over_one_connection() {
    deliver("Grace <grace@navy.example>", "<before@navy.example>", SINCE.minusSeconds(3 * 3600));
    deliver("Grace <grace@navy.example>", "<grace@navy.example>", SINCE.plusSeconds(3600));
    deliver("hedy@navy.example", "<hedy@navy.example>", SINCE.plusSeconds(2 * 3600));
    // Contains "grace@navy.example" and "@navy.example", yet is neither.
    deliver("agrace@navy.example.org", "<lookalike@org>", SINCE.plusSeconds(3 * 3600));
    deliver("linus@kernel.example", "<linus@kernel.example>", SINCE.plusSeconds(4 * 3600));
    deliver("Barbara <BARBARA@MIT.example>", "<barbara@mit.example>", SINCE.plusSeconds(5 * 3600));
    Senders senders =
        new Senders(Set.of("grace@navy.example", "barbara@mit.example"), Set.of("navy.example"));

    List<RawInbound> found = inbox.messagesFrom(senders, SINCE);

    assertThat(found)
        .extracting(ImapSenderLookupTest::messageId)
        .containsExactly("<grace@navy.example>", "<hedy@navy.example>", "<barbara@mit.example>");
    assertThat(found.get(0).receivedAt()).isEqualTo(SINCE.plusSeconds(3600));
    assertThat(found.get(0).sourceId()).isEqualTo(MAIL.uidValidity() + ":2");
    assertThat(proxy.sent()).contains("UID SEARCH SINCE").contains("FROM");

    assertThat(inbox.messagesFrom(Senders.addresses(Set.of("linus@kernel.example")), SINCE))
        .extracting(ImapSenderLookupTest::messageId)
        .containsExactly("<linus@kernel.example>");
    assertThat(proxy.connections()).as("one connection, reused").isEqualTo(1);
  }

  @Test
  void many_senders_are_searched_in_batches_over_the_same_connection() {
    deliver("person7@example.org", "<p7@example.org>", SINCE.plusSeconds(60));
    deliver("person88@example.org", "<p88@example.org>", SINCE.plusSeconds(120));
    Set<String> addresses =
        IntStream.range(0, 95)
            .mapToObj(i -> "person" + i + "@example.org")
            .collect(Collectors.toSet());

    List<RawInbound> found = inbox.messagesFrom(Senders.addresses(addresses), SINCE);

    assertThat(found)
        .extracting(ImapSenderLookupTest::messageId)
        .containsExactly("<p7@example.org>", "<p88@example.org>");
    assertThat(occurrences(proxy.sent(), "UID SEARCH"))
        .as("95 short addresses fit one SEARCH of at most %d bytes", SenderLookup.SEARCH_BYTES)
        .isEqualTo(1);
    assertThat(occurrences(proxy.sent(), "UID FETCH"))
        .as("both messages in one FETCH, not one (or more) per message")
        .isEqualTo(1);

    // Long addresses: the command line stays short, over more SEARCHes on the same connection.
    Set<String> longAddresses =
        IntStream.range(0, 95)
            .mapToObj(i -> "a".repeat(100) + i + "@example.org")
            .collect(Collectors.toSet());
    assertThat(inbox.messagesFrom(Senders.addresses(longAddresses), SINCE)).isEmpty();
    assertThat(occurrences(proxy.sent(), "UID SEARCH")).isEqualTo(4);
    assertThat(proxy.sent().lines().mapToInt(String::length).max().orElseThrow())
        .isLessThan(SenderLookup.SEARCH_BYTES + 100);
    assertThat(proxy.connections()).isEqualTo(1);
  }

  @Test
  void a_server_answering_more_than_it_was_asked_for_is_cut_to_the_cap() {
    byte[] oversized = new byte[RawInbound.MAX_BYTES + 10];

    byte[] kept = UidFetch.atMost(oversized, RawInbound.MAX_BYTES);

    assertThat(kept).hasSize(RawInbound.MAX_BYTES);
    assertThat(new RawInbound("1:1", kept, SINCE).raw()).isSameAs(kept);
    byte[] small = new byte[10];
    assertThat(UidFetch.atMost(small, RawInbound.MAX_BYTES)).isSameAs(small);
  }

  @Test
  void nobody_wrote_is_an_empty_list_and_failures_are_exceptions_of_their_kind() {
    deliver("linus@kernel.example", "<linus@kernel.example>", SINCE.plusSeconds(60));
    assertThat(inbox.messagesFrom(Senders.addresses(Set.of("grace@navy.example")), SINCE))
        .isEmpty();
    assertThat(inbox.messagesFrom(new Senders(Set.of(), Set.of()), SINCE)).isEmpty();

    try (ImapInbox refused = new ImapInbox(settings(proxy.port(), "wrong"), TIMEOUT, TIMEOUT)) {
      assertThatThrownBy(
              () -> refused.messagesFrom(Senders.addresses(Set.of("a@b.example")), SINCE))
          .isInstanceOf(InboundException.class)
          .hasMessageNotContaining("wrong")
          .extracting(e -> ((InboundException) e).kind())
          .isEqualTo(InboundException.Kind.CREDENTIALS);
    }
    try (ImapInbox down = new ImapInbox(settings(closedPort(), "x"), TIMEOUT, TIMEOUT)) {
      assertThatThrownBy(() -> down.messagesFrom(Senders.addresses(Set.of("a@b.example")), SINCE))
          .isInstanceOf(InboundException.class)
          .extracting(e -> ((InboundException) e).kind())
          .isEqualTo(InboundException.Kind.UNREACHABLE);
    }
  }

  private static void deliver(String from, String messageId, Instant receivedAt) {
    MAIL.deliverToUser(
        "From: "
            + from
            + "\nTo: "
            + EMAIL
            + "\nSubject: Re: hello\nMessage-ID: "
            + messageId
            + "\n\nThanks.\n",
        receivedAt);
  }

  private static String messageId(RawInbound message) {
    Matcher m = MESSAGE_ID.matcher(new String(message.raw(), StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : "";
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static ImapSettings settings(int port, String password) {
    return new ImapSettings("127.0.0.1", port, LOGIN, password, Security.NONE, null);
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
