package com.campaignengine.inbound.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.RawInbound;
import com.campaignengine.inbound.Senders;
import com.campaignengine.testing.GmailStub;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sender lookup the engine asks before a follow-up, against the Gmail stub: {@code
 * messages.list q=from:(…) after:…} with its pages, then each message raw; addresses and domains,
 * mail since an instant only, our own mail left out, and failures told apart from "nobody wrote".
 */
class GmailSenderLookupTest {
  private static final Instant SINCE = Instant.parse("2026-03-02T09:00:00Z");

  @RegisterExtension final GmailStub google = GmailStub.start();
  private final GmailHistory gmail = new GmailHistory(google.settings());

  @Test
  void finds_mail_from_the_addresses_and_domains_since_the_instant() {
    message("before", "grace@navy.example", SINCE.minusSeconds(60));
    message("grace", "Grace <grace@navy.example>", SINCE.plusSeconds(60));
    message("hedy", "hedy@navy.example", SINCE.plusSeconds(120));
    message("lookalike", "agrace@navy.example.org", SINCE.plusSeconds(180));
    message("linus", "linus@kernel.example", SINCE.plusSeconds(240));
    message("barbara", "BARBARA@MIT.example", SINCE.plusSeconds(300));
    google.message(
        "mine", raw("mine", "grace@navy.example"), SINCE.plusSeconds(360).toEpochMilli(), "SENT");
    Senders senders =
        new Senders(Set.of("grace@navy.example", "barbara@mit.example"), Set.of("navy.example"));

    List<RawInbound> found = gmail.messagesFrom(senders, SINCE);

    assertThat(found).extracting(RawInbound::sourceId).containsExactly("grace", "hedy", "barbara");
    List<GmailStub.Request> listings = google.requests(GmailStub.LIST);
    assertThat(listings.get(0).params())
        .containsEntry(
            "q",
            "from:(barbara@mit.example OR grace@navy.example OR @navy.example) after:"
                + SINCE.getEpochSecond()
                + " -in:sent -in:drafts");
    assertThat(listings).as("four hits, in pages of two by pageToken").hasSize(2);
    assertThat(listings.get(1).params()).containsEntry("pageToken", "2");
    assertThat(google.requests(GmailStub.MESSAGES + "linus")).isEmpty();
    assertThat(google.requests(GmailStub.MESSAGES + "mine")).isEmpty();
  }

  @Test
  void many_senders_are_asked_in_a_few_queries() {
    message("p7", "person7@example.org", SINCE.plusSeconds(60));
    message("p33", "person33@example.org", SINCE.plusSeconds(120));
    Set<String> addresses =
        IntStream.range(0, 45)
            .mapToObj(i -> "person" + i + "@example.org")
            .collect(Collectors.toSet());

    List<RawInbound> found = gmail.messagesFrom(Senders.addresses(addresses), SINCE);

    assertThat(found).extracting(RawInbound::sourceId).containsExactly("p7", "p33");
    assertThat(google.requests(GmailStub.LIST))
        .as("45 senders, %d per query", GmailHistory.SENDERS_PER_QUERY)
        .hasSize(3);
  }

  @Test
  void nobody_wrote_is_an_empty_list_and_failures_are_exceptions_of_their_kind() {
    message("linus", "linus@kernel.example", SINCE.plusSeconds(60));
    Senders grace = Senders.addresses(Set.of("grace@navy.example"));
    assertThat(gmail.messagesFrom(grace, SINCE)).isEmpty();

    google.enqueue(
        GmailStub.LIST,
        429,
        GmailStub.googleError(
            429, "rateLimitExceeded", "Rate Limit Exceeded", "RESOURCE_EXHAUSTED"),
        Map.of("Retry-After", "30"));
    assertThatThrownBy(() -> gmail.messagesFrom(grace, SINCE))
        .isInstanceOf(InboundException.class)
        .extracting(e -> ((InboundException) e).kind())
        .isEqualTo(InboundException.Kind.RATE_LIMITED);
    google.enqueue(
        GmailStub.LIST,
        403,
        GmailStub.googleError(
            403, "userRateLimitExceeded", "User-rate limit exceeded", "PERMISSION_DENIED"));
    assertThatThrownBy(() -> gmail.messagesFrom(grace, SINCE))
        .extracting(e -> ((InboundException) e).kind())
        .isEqualTo(InboundException.Kind.RATE_LIMITED);
    google.failNext(GmailStub.LIST, 503);
    assertThatThrownBy(() -> gmail.messagesFrom(grace, SINCE))
        .extracting(e -> ((InboundException) e).kind())
        .isEqualTo(InboundException.Kind.UNREACHABLE);

    GmailHistory revoked = new GmailHistory(google.settings("1//revoked"));
    assertThatThrownBy(() -> revoked.messagesFrom(grace, SINCE))
        .isInstanceOf(InboundException.class)
        .hasMessageContaining("invalid_grant")
        .extracting(e -> ((InboundException) e).kind())
        .isEqualTo(InboundException.Kind.CREDENTIALS);

    google.close();
    assertThatThrownBy(() -> gmail.messagesFrom(grace, SINCE))
        .extracting(e -> ((InboundException) e).kind())
        .isEqualTo(InboundException.Kind.UNREACHABLE);
  }

  private void message(String id, String from, Instant receivedAt) {
    google.message(id, raw(id, from), receivedAt.toEpochMilli(), "INBOX");
  }

  private static byte[] raw(String id, String from) {
    return ("From: "
            + from
            + "\r\nTo: ada@gmail.example\r\nMessage-ID: <"
            + id
            + "@mail.example>\r\nSubject: Re: hi\r\n\r\nThanks\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
