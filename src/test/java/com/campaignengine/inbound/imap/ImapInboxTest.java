package com.campaignengine.inbound.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.Poll;
import com.campaignengine.inbound.RawInbound;
import com.campaignengine.mailbox.ImapSettings;
import com.campaignengine.mailbox.SmtpSettings.Security;
import com.campaignengine.testing.MailServer;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImapInboxTest {

  static final String EMAIL = "sam@example.com";
  static final String LOGIN = "sam";
  static final String PASSWORD = MailServer.PASSWORD;
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** Where re-reads by date start in tests that deliver at the real time: an hour ago. */
  static final Instant SINCE = Instant.now().minus(Duration.ofHours(1));

  @RegisterExtension
  static final MailServer GREEN_MAIL =
      MailServer.withUser(
          EMAIL, LOGIN, ServerSetupTest.SMTP, ServerSetupTest.IMAP, ServerSetupTest.IMAPS);

  private final AtomicInteger sequence = new AtomicInteger();
  private ImapInbox inbox;

  @AfterEach
  void closeInbox() {
    if (inbox != null) {
      inbox.close();
    }
  }

  @Test
  void a_first_poll_reads_what_arrived_since_the_given_instant_and_later_polls_only_new_ones() {
    Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(3));
    // SINCE compares days only: a message of the same day but before the instant is left out.
    deliverAt("<old@test>", since.minus(Duration.ofDays(2)));
    deliverAt("<same-day@test>", since.minus(Duration.ofMinutes(5)));
    deliverAt("<early@test>", since.plus(Duration.ofMinutes(5)));
    deliverAt("<late@test>", since.plus(Duration.ofDays(1)));
    inbox = new ImapInbox(settings(GREEN_MAIL.getImap()), TIMEOUT, TIMEOUT);

    Poll first = inbox.poll(null, since, 10);
    assertThat(first.messages()).extracting(ImapInboxTest::text).hasSize(2);
    assertThat(text(first.messages().get(0))).contains("<early@test>");
    assertThat(text(first.messages().get(1))).contains("<late@test>");
    assertThat(first.messages().get(0).receivedAt()).isEqualTo(since.plus(Duration.ofMinutes(5)));
    assertThat(first.checkpoint()).matches("\\d+:4");
    assertThat(first.complete()).isTrue();

    List<String> ids = deliver(2);
    Poll second = inbox.poll(first.checkpoint(), since, 10);
    assertThat(second.messages()).hasSize(2);
    assertThat(text(second.messages().get(0))).contains(ids.get(0)).doesNotContain(ids.get(1));
    assertThat(text(second.messages().get(1))).contains(ids.get(1));
    assertThat(second.messages().get(0).sourceId()).endsWith(":5");
    assertThat(second.checkpoint()).endsWith(":6");

    Poll third = inbox.poll(second.checkpoint(), since, 10);
    assertThat(third.messages()).isEmpty();
    assertThat(third.checkpoint()).isEqualTo(second.checkpoint());
  }

  @Test
  void a_first_poll_of_a_mailbox_with_nothing_new_starts_at_its_newest_message() {
    deliverAt("<old@test>", Instant.now().minus(Duration.ofDays(10)));
    inbox = new ImapInbox(settings(GREEN_MAIL.getImap()), TIMEOUT, TIMEOUT);

    Poll first = inbox.poll(null, Instant.now().minus(Duration.ofDays(1)), 10);

    assertThat(first.messages()).isEmpty();
    assertThat(first.checkpoint()).matches("\\d+:1");
    assertThat(first.complete()).isTrue();
  }

  @Test
  void max_limits_each_poll_and_the_checkpoint_covers_exactly_the_returned_messages() {
    inbox = new ImapInbox(settings(GREEN_MAIL.getImap()), TIMEOUT, TIMEOUT);
    String checkpoint = inbox.poll(null, SINCE, 10).checkpoint();
    List<String> ids = deliver(5);

    Poll a = inbox.poll(checkpoint, SINCE, 2);
    Poll b = inbox.poll(a.checkpoint(), SINCE, 2);
    // Re-polling from an old checkpoint (a crash before it was stored) re-reads the same ones.
    assertThat(inbox.poll(a.checkpoint(), SINCE, 2).messages())
        .extracting(RawInbound::sourceId)
        .isEqualTo(b.messages().stream().map(RawInbound::sourceId).toList());
    Poll c = inbox.poll(b.checkpoint(), SINCE, 2);

    assertThat(a.messages()).hasSize(2);
    assertThat(b.messages()).hasSize(2);
    assertThat(c.messages()).hasSize(1);
    assertThat(List.of(a.complete(), b.complete(), c.complete()))
        .containsExactly(false, false, true);
    List<RawInbound> all = List.of(a, b, c).stream().flatMap(p -> p.messages().stream()).toList();
    for (int i = 0; i < ids.size(); i++) {
      assertThat(text(all.get(i))).contains(ids.get(i));
    }
    assertThat(inbox.poll(c.checkpoint(), SINCE, 2).messages()).isEmpty();
  }

  @Test
  void mail_delivered_over_smtp_is_read_over_imaps() throws Exception {
    inbox = new ImapInbox(imaps(), TIMEOUT, TIMEOUT);
    String checkpoint = inbox.poll(null, SINCE, 10).checkpoint();
    GreenMailUtil.sendTextEmail(EMAIL, "ann@example.org", "Re: hello", "Thanks!", smtpSetup());

    Poll poll = inbox.poll(checkpoint, SINCE, 10);

    assertThat(poll.messages()).hasSize(1);
    assertThat(text(poll.messages().get(0))).contains("Subject: Re: hello").contains("Thanks!");
  }

  @Test
  void after_a_uidvalidity_change_mail_received_since_the_last_read_is_read_again_by_date() {
    Instant lastRead = Instant.now().minus(Duration.ofHours(2));
    deliverAt("<before@test>", lastRead.minus(Duration.ofDays(2)));
    inbox = new ImapInbox(settings(GREEN_MAIL.getImap()), TIMEOUT, TIMEOUT);
    Poll read = inbox.poll(null, lastRead, 10);
    assertThat(read.messages()).isEmpty();
    long validity = GREEN_MAIL.uidValidity();
    deliverAt("<arrived-meanwhile@test>", lastRead.plus(Duration.ofMinutes(30)));

    // The server rebuilds the mailbox: same messages, new UIDVALIDITY, new UIDs.
    GREEN_MAIL.renumberInbox();
    assertThat(GREEN_MAIL.uidValidity()).isNotEqualTo(validity);
    Poll poll = inbox.poll(read.checkpoint(), lastRead, 10);

    assertThat(poll.messages())
        .singleElement()
        .satisfies(m -> assertThat(text(m)).contains("<arrived-meanwhile@test>"));
    assertThat(poll.checkpoint()).isEqualTo(GREEN_MAIL.uidValidity() + ":2");
    List<String> ids = deliver(1);
    assertThat(inbox.poll(poll.checkpoint(), lastRead, 10).messages())
        .singleElement()
        .satisfies(m -> assertThat(text(m)).contains(ids.get(0)));
  }

  @Test
  void large_messages_are_truncated_to_one_mebibyte() throws Exception {
    inbox = new ImapInbox(settings(GREEN_MAIL.getImap()), TIMEOUT, TIMEOUT);
    String checkpoint = inbox.poll(null, SINCE, 10).checkpoint();
    MimeMessage big = message(EMAIL, "<big@test>");
    big.setText("x".repeat(RawInbound.MAX_BYTES + 200_000));
    big.saveChanges();
    big.setHeader("Message-ID", "<big@test>");
    GREEN_MAIL.deliverToUser(big);
    List<String> small = deliver(1);

    Poll poll = inbox.poll(checkpoint, SINCE, 10);

    assertThat(poll.messages()).hasSize(2);
    RawInbound truncated = poll.messages().get(0);
    assertThat(truncated.raw()).hasSize(RawInbound.MAX_BYTES);
    assertThat(text(truncated)).contains("<big@test>");
    assertThat(text(poll.messages().get(1))).contains(small.get(0));
  }

  @Test
  void an_unreachable_server_or_a_wrong_password_throws_inbound_exception() {
    ImapSettings down =
        new ImapSettings("127.0.0.1", closedPort(), LOGIN, PASSWORD, Security.NONE, null);
    try (ImapInbox unreachable = new ImapInbox(down, TIMEOUT, TIMEOUT)) {
      assertThatThrownBy(() -> unreachable.poll(null, SINCE, 10))
          .isInstanceOf(InboundException.class)
          .hasMessageContaining("127.0.0.1")
          .extracting(e -> ((InboundException) e).kind())
          .isEqualTo(InboundException.Kind.UNREACHABLE);
    }
    AbstractServer imap = GREEN_MAIL.getImap();
    ImapSettings wrong =
        new ImapSettings(imap.getBindTo(), imap.getPort(), LOGIN, "wrong", Security.NONE, null);
    try (ImapInbox refused = new ImapInbox(wrong, TIMEOUT, TIMEOUT)) {
      assertThatThrownBy(() -> refused.poll(null, SINCE, 10))
          .isInstanceOf(InboundException.class)
          .hasMessageNotContaining("wrong")
          .extracting(e -> ((InboundException) e).kind())
          .isEqualTo(InboundException.Kind.CREDENTIALS);
    }
  }

  @Test
  void malformed_checkpoints_and_max_are_rejected() {
    inbox = new ImapInbox(settings(GREEN_MAIL.getImap()), TIMEOUT, TIMEOUT);
    assertThatThrownBy(() -> inbox.poll("42", SINCE, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> inbox.poll("a:b", SINCE, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> inbox.poll(null, SINCE, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idle_wakes_up_soon_after_a_delivery() {
    inbox = new ImapInbox(settings(GREEN_MAIL.getImap()), TIMEOUT, TIMEOUT);
    assertThat(inbox.supportsIdle()).isTrue();
    inbox.poll(null, SINCE, 10);

    CompletableFuture<Boolean> woke =
        CompletableFuture.supplyAsync(() -> inbox.awaitNewMail(Duration.ofSeconds(20)));
    // Delivered from this thread while the other waits. A message that lands while IDLE is
    // being set up is only seen at the timeout (documented), so deliver again until it wakes.
    await()
        .atMost(Duration.ofSeconds(8))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              if (!woke.isDone()) {
                deliver(1);
              }
              return woke.isDone();
            });
    assertThat(woke.join()).isTrue();
  }

  @Test
  void idle_returns_at_once_while_a_capped_poll_left_messages_and_false_at_the_timeout() {
    inbox = new ImapInbox(settings(GREEN_MAIL.getImap()), TIMEOUT, TIMEOUT);
    String checkpoint = inbox.poll(null, SINCE, 10).checkpoint();
    deliver(3);
    Poll partial = inbox.poll(checkpoint, SINCE, 2);

    assertThat(inbox.awaitNewMail(Duration.ofSeconds(20))).isTrue();

    inbox.poll(partial.checkpoint(), SINCE, 10);
    long start = System.nanoTime();
    assertThat(inbox.awaitNewMail(Duration.ofMillis(300))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void close_ends_a_wait_in_idle() {
    inbox = new ImapInbox(settings(GREEN_MAIL.getImap()), TIMEOUT, TIMEOUT);
    inbox.poll(null, SINCE, 10);
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(() -> inbox.awaitNewMail(Duration.ofSeconds(20)));
    await().atMost(Duration.ofSeconds(5)).until(inbox::idling);

    inbox.close();

    await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
    assertThat(waiting.join()).isFalse();
    assertThat(inbox.awaitNewMail(Duration.ofSeconds(20))).isFalse();
  }

  @Test
  void without_idle_await_returns_false_at_once() {
    inbox = new ImapInbox(settings(GREEN_MAIL.getImap()), TIMEOUT, TIMEOUT, false);
    inbox.poll(null, SINCE, 10);
    deliver(1);

    assertThat(inbox.supportsIdle()).isFalse();
    long start = System.nanoTime();
    assertThat(inbox.awaitNewMail(Duration.ofSeconds(20))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  private List<String> deliver(int count) {
    String[] ids = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = "<reply-" + sequence.incrementAndGet() + "@test>";
      try {
        MimeMessage m = message(EMAIL, ids[i]);
        m.setText("reply " + i);
        m.saveChanges();
        // saveChanges() invents a Message-ID; the test needs its own to find each message.
        m.setHeader("Message-ID", ids[i]);
        GREEN_MAIL.deliverToUser(m);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return List.of(ids);
  }

  /** Files a message with this Message-ID, as received at {@code receivedAt}. */
  private static void deliverAt(String messageId, Instant receivedAt) {
    GREEN_MAIL.deliverToUser(
        "From: ann@example.org\nTo: "
            + EMAIL
            + "\nSubject: Re: "
            + messageId
            + "\nMessage-ID: "
            + messageId
            + "\n\nreply\n",
        receivedAt);
  }

  private static MimeMessage message(String to, String messageId) throws MessagingException {
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom(new InternetAddress("ann@example.org"));
    m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
    m.setSubject("Re: " + messageId);
    return m;
  }

  private static ImapSettings settings(AbstractServer imap) {
    return new ImapSettings(imap.getBindTo(), imap.getPort(), LOGIN, PASSWORD, Security.NONE, null);
  }

  private static ImapSettings imaps() {
    AbstractServer imaps = GREEN_MAIL.getImaps();
    return new ImapSettings(imaps.getBindTo(), imaps.getPort(), LOGIN, PASSWORD, Security.TLS, null)
        .withTrustAllCertificates(true);
  }

  private static ServerSetup smtpSetup() {
    return GREEN_MAIL.getSmtp().getServerSetup();
  }

  private static String text(RawInbound message) {
    return new String(message.raw(), StandardCharsets.UTF_8);
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
