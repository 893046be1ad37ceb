package com.campaignengine.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.personalize.OpenAiCompatiblePersonalizer;
import com.campaignengine.testing.MailServer;
import com.campaignengine.testing.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reply inbox end to end: intros go out, people answer into the sender's real IMAP inbox
 * (GreenMail), the inbound poller reads them, and the inbox lists each reply with its trimmed body
 * and the category the keyword rules gave it; a person corrects a category (recorded as theirs),
 * marks replies handled, and an unsubscribe request suppresses the address.
 */
class ApiReplyInboxTest extends ApiTestSupport.ServerPerTest {
  private static final String SENDER = "ivy.inbox@recruit.example";

  @RegisterExtension static final MailServer MAIL = MailServer.withUser(SENDER, "ivy-inbox");

  private String section(int port) {
    return "{\"host\":\"127.0.0.1\",\"port\":"
        + port
        + ",\"username\":\"ivy-inbox\",\"password\":\""
        + MailServer.PASSWORD
        + "\",\"security\":\"none\"}";
  }

  private String mailbox;

  private String campaign() {
    if (mailbox != null) {
      String campaign = createCampaignFrom(mailbox);
      activate(campaign);
      return campaign;
    }
    Answer created =
        post(
            "/api/v1/mailboxes",
            "{\"provider\":\"smtp\",\"email\":\""
                + SENDER
                + "\",\"smtp\":"
                + section(MAIL.getSmtp().getPort())
                + ",\"imap\":"
                + section(MAIL.getImap().getPort())
                + "}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    mailbox = created.body().get("id").asText();
    String campaign = createCampaignFrom(mailbox);
    activate(campaign);
    return campaign;
  }

  private void answered(String from, String text) {
    OutgoingMessage intro = sentTo(from);
    MAIL.deliverToUser(
        """
        From: %s
        To: %s
        Subject: Re: %s
        Message-ID: <answer-%s>
        In-Reply-To: %s

        %s
        """
            .formatted(from, SENDER, intro.subject(), from, intro.messageId(), text),
        clock.instant());
  }

  private Answer patch(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json; charset=UTF-8")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  private JsonNode replyFrom(String address) {
    return items(get("/api/v1/replies")).stream()
        .filter(r -> r.get("from_address").asText().equals(address))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void replies_are_listed_with_trimmed_bodies_and_keyword_categories_and_can_be_corrected() {
    String campaign = campaign();
    String ann = createPerson("ann@acme.example", "Ann");
    String bob = createPerson("bob@other.example", "Bob");
    String cy = createPerson("cy@third.example", "Cy");
    enrollIn(campaign, ann, bob, cy);
    app.engine().runUntilIdle();
    assertThat(app.inbound().pollOnce()).as("the first read starts from now").isZero();
    clock.advance(Duration.ofMinutes(5));

    answered(
        "ann@acme.example",
        """
        Sounds great, let's set up a call on Thursday.

        Ann

        On Mon, 2 Mar 2026 at 14:00, Ivy <ivy.inbox@recruit.example> wrote:
        > Hello Ann, would you be open to a new role?
        """);
    answered("bob@other.example", "Not right now, maybe next quarter.\n> quoted\n");
    assertThat(app.inbound().pollOnce()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(5));
    answered(
        "cy@third.example",
        "Who is this?\n\n-----Original Message-----\nFrom: Ivy\nSent: Monday\nHello Cy");
    assertThat(app.inbound().pollOnce()).isEqualTo(1);

    List<JsonNode> inbox = items(get("/api/v1/replies"));
    assertThat(inbox)
        .extracting(r -> r.get("from_address").asText())
        .as("newest first")
        .containsExactly("cy@third.example", "bob@other.example", "ann@acme.example");
    JsonNode annReply = replyFrom("ann@acme.example");
    assertThat(annReply.get("body").asText())
        .isEqualTo("Sounds great, let's set up a call on Thursday.\n\nAnn");
    assertThat(annReply.get("category").asText()).isEqualTo("interested");
    assertThat(annReply.get("category_set_by").asText()).isEqualTo("keywords");
    assertThat(annReply.get("campaign_id").asText()).isEqualTo(campaign);
    assertThat(annReply.get("person_id").asText()).isEqualTo(ann);
    assertThat(annReply.get("step_id").isNull()).isFalse();
    assertThat(annReply.get("subject").asText()).startsWith("Re: ");
    assertThat(annReply.get("handled").asBoolean()).isFalse();
    JsonNode bobReply = replyFrom("bob@other.example");
    assertThat(bobReply.get("body").asText()).isEqualTo("Not right now, maybe next quarter.");
    assertThat(bobReply.get("category").asText()).isEqualTo("not_now");
    assertThat(replyFrom("cy@third.example").get("body").asText()).isEqualTo("Who is this?");
    assertThat(replyFrom("cy@third.example").get("category").asText()).isEqualTo("other");

    // Filters.
    assertThat(items(get("/api/v1/replies?category=not_now")))
        .extracting(r -> r.get("from_address").asText())
        .containsExactly("bob@other.example");
    assertThat(items(get("/api/v1/replies?campaign_id=987654321"))).isEmpty();

    // Ann's is handled: it moves after the unhandled ones; a page of two continues from there.
    String annId = annReply.get("id").asText();
    Answer handled = patch("/api/v1/replies/" + annId, "{\"handled\": true}");
    assertThat(handled.status()).as(handled.raw().body()).isEqualTo(200);
    assertThat(handled.body().get("handled").asBoolean()).isTrue();
    assertThat(handled.body().get("category_set_by").asText()).isEqualTo("keywords");
    Answer first = get("/api/v1/replies?limit=2");
    assertThat(items(first))
        .extracting(r -> r.get("from_address").asText())
        .containsExactly("cy@third.example", "bob@other.example");
    Answer second =
        get("/api/v1/replies?limit=2&cursor=" + first.body().get("next_cursor").asText());
    assertThat(items(second))
        .extracting(r -> r.get("from_address").asText())
        .containsExactly("ann@acme.example");
    assertThat(items(get("/api/v1/replies?handled=false"))).hasSize(2);

    // Cy's is corrected: the caller is recorded as who set it.
    String cyId = replyFrom("cy@third.example").get("id").asText();
    Answer corrected = patch("/api/v1/replies/" + cyId, "{\"category\": \"wrong_person\"}");
    assertThat(corrected.status()).as(corrected.raw().body()).isEqualTo(200);
    assertThat(corrected.body().get("category").asText()).isEqualTo("wrong_person");
    assertThat(corrected.body().get("category_set_by").asText()).startsWith("key:");
    assertThat(get("/api/v1/replies/" + cyId).body().get("category").asText())
        .isEqualTo("wrong_person");

    // Bad input: 4xx naming the field, nothing written; an unknown reply is 404.
    Answer unknown = patch("/api/v1/replies/" + cyId, "{\"category\": \"maybe\"}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.field()).isEqualTo("category");
    Answer wrongType = patch("/api/v1/replies/" + cyId, "{\"handled\": \"yes\"}");
    assertThat(wrongType.status()).as("a wrong type, as everywhere in the API").isEqualTo(400);
    assertThat(wrongType.field()).isEqualTo("handled");
    assertThat(patch("/api/v1/replies/" + cyId, "{\"colour\": \"red\"}").status()).isEqualTo(422);
    assertThat(get("/api/v1/replies?category=maybe").field()).isEqualTo("category");
    assertThat(get("/api/v1/replies/" + cyId).body().get("category").asText())
        .isEqualTo("wrong_person");
    assertThat(get("/api/v1/replies/987654321").status()).isEqualTo(404);
    assertThat(patch("/api/v1/replies/987654321", "{\"handled\": true}").status()).isEqualTo(404);
  }

  @Test
  void an_unsubscribe_request_suppresses_the_address_whether_found_by_keywords_or_set_by_hand() {
    String campaign = campaign();
    String dee = createPerson("dee@acme.example", "Dee");
    String eve = createPerson("eve@other.example", "Eve");
    enrollIn(campaign, dee, eve);
    app.engine().runUntilIdle();
    assertThat(app.inbound().pollOnce()).isZero();
    clock.advance(Duration.ofMinutes(5));
    answered("dee@acme.example", "Please remove me from your list.");
    answered("eve@other.example", "Meh.");
    assertThat(app.inbound().pollOnce()).isEqualTo(2);

    assertThat(replyFrom("dee@acme.example").get("category").asText())
        .isEqualTo("unsubscribe_request");
    assertThat(suppressed("dee@acme.example")).isEqualTo(1);
    assertThat(suppressed("eve@other.example")).isZero();

    String eveId = replyFrom("eve@other.example").get("id").asText();
    Answer set = patch("/api/v1/replies/" + eveId, "{\"category\": \"unsubscribe_request\"}");
    assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
    assertThat(suppressed("eve@other.example")).isEqualTo(1);

    // As an unsubscribe link: a later enrollment into another campaign is skipped.
    String another = campaign();
    Answer enrolled =
        post(
            "/api/v1/campaigns/" + another + "/enrollments",
            "{\"person_ids\": [\"" + dee + "\", \"" + eve + "\"]}");
    assertThat(enrolled.raw().body()).contains("suppressed_unsubscribed");
  }

  /** A local server in OpenAI's chat-completions format: answers {@link #modelAnswer}. */
  private HttpServer modelServer;

  private volatile String modelAnswer = "other";
  private volatile int modelStatus = 200;

  /** While set, the model answers only once it is counted down (else, after 15 s, with a 500). */
  private volatile java.util.concurrent.CountDownLatch hold;

  private final AtomicInteger modelCalls = new AtomicInteger();
  private final AtomicReference<String> lastPrompt = new AtomicReference<>();

  private URI startModel() throws Exception {
    modelServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    modelServer.createContext(
        "/v1/chat/completions",
        exchange -> {
          modelCalls.incrementAndGet();
          lastPrompt.set(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
          java.util.concurrent.CountDownLatch held = hold;
          boolean released = true;
          if (held != null) {
            try {
              released = held.await(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              released = false;
            }
          }
          int status = released ? modelStatus : 500;
          byte[] body =
              (status == 200
                      ? "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\""
                          + modelAnswer
                          + "\"},\"finish_reason\":\"stop\"}]}"
                      : "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")
                  .getBytes(UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    modelServer.start();
    return URI.create("http://127.0.0.1:" + modelServer.getAddress().getPort());
  }

  @AfterEach
  void stopModel() {
    if (modelServer != null) {
      modelServer.stop(0);
    }
  }

  private JsonNode replyAfterModel(String from, String text) {
    clock.advance(Duration.ofMinutes(1));
    answered(from, text);
    assertThat(app.inbound().pollOnce()).isEqualTo(1);
    app.awaitReplyModel(); // the model runs after the reply is recorded, on its own thread
    return replyFrom(from);
  }

  @Test
  void a_slow_model_does_not_hold_up_the_reading_of_the_inbox() throws Exception {
    stopServer();
    startServer(
        dataDir,
        transports(),
        new OpenAiCompatiblePersonalizer(startModel(), null, "local", Duration.ofSeconds(30), 0),
        4);
    String campaign = campaign();
    enrollIn(campaign, createPerson("kim@acme.example", "Kim"));
    app.engine().runUntilIdle();
    assertThat(app.inbound().pollOnce()).isZero();
    clock.advance(Duration.ofMinutes(1));

    // The model takes as long as the test holds it: reading goes on without waiting for it.
    hold = new java.util.concurrent.CountDownLatch(1);
    modelAnswer = "not_now";
    answered("kim@acme.example", "Sounds great, let's talk.");
    assertThat(app.inbound().pollOnce()).isEqualTo(1);
    JsonNode read = replyFrom("kim@acme.example");
    assertThat(read.get("category_set_by").asText())
        .as("recorded with the keyword category while the model thinks")
        .isEqualTo("keywords");
    hold.countDown();
    app.awaitReplyModel();
    JsonNode kim = replyFrom("kim@acme.example");
    assertThat(kim.get("category").asText()).isEqualTo("not_now");
    assertThat(kim.get("category_set_by").asText()).isEqualTo("model");
  }

  @Test
  void with_a_model_the_category_is_the_models_and_falls_back_to_keywords_when_it_fails()
      throws Exception {
    stopServer();
    startServer(
        dataDir,
        transports(),
        new OpenAiCompatiblePersonalizer(startModel(), null, "local", Duration.ofSeconds(2), 0),
        4);
    String campaign = campaign();
    String[] people = {
      createPerson("fay@acme.example", "Fay"),
      createPerson("gus@acme.example", "Gus"),
      createPerson("hal@acme.example", "Hal"),
      createPerson("ida@acme.example", "Ida"),
      createPerson("jon@acme.example", "Jon")
    };
    enrollIn(campaign, people);
    app.engine().runUntilIdle();
    assertThat(app.inbound().pollOnce()).isZero();

    // The model's answer wins over the keywords' ("other" here), and is recorded as the model's.
    modelAnswer = "Referral.";
    JsonNode fay =
        replyAfterModel(
            "fay@acme.example",
            "Sam runs hiring here, she is the one.\n\nOn Mon, Ivy wrote:\n> old text");
    assertThat(fay.get("category").asText()).isEqualTo("referral");
    assertThat(fay.get("category_set_by").asText()).isEqualTo("model");
    assertThat(fay.get("body").asText()).isEqualTo("Sam runs hiring here, she is the one.");
    assertThat(lastPrompt.get()).contains("unsubscribe_request").doesNotContain("old text");

    // An answer that is not a category, or a model error: the keyword category stays.
    modelAnswer = "I think they are keen";
    JsonNode gus = replyAfterModel("gus@acme.example", "Sounds great, let's talk.");
    assertThat(gus.get("category").asText()).isEqualTo("interested");
    assertThat(gus.get("category_set_by").asText()).isEqualTo("keywords");
    modelStatus = 500;
    JsonNode hal = replyAfterModel("hal@acme.example", "Not right now.");
    assertThat(hal.get("category").asText()).isEqualTo("not_now");
    assertThat(hal.get("category_set_by").asText()).isEqualTo("keywords");

    // The model's unsubscribe_request suppresses too.
    modelStatus = 200;
    modelAnswer = "unsubscribe_request";
    JsonNode ida = replyAfterModel("ida@acme.example", "Please don't write to me again.");
    assertThat(ida.get("category").asText()).isEqualTo("unsubscribe_request");
    assertThat(ida.get("category_set_by").asText()).isEqualTo("model");
    assertThat(suppressed("ida@acme.example")).isEqualTo(1);
    assertThat(modelCalls.get()).isEqualTo(4);

    // The day's budget (4) is used up: no call, the keywords decide.
    modelAnswer = "not_interested";
    JsonNode jon = replyAfterModel("jon@acme.example", "Tell me more!");
    assertThat(jon.get("category").asText()).isEqualTo("interested");
    assertThat(jon.get("category_set_by").asText()).isEqualTo("keywords");
    assertThat(modelCalls.get()).isEqualTo(4);
    assertThat(items(get("/api/v1/replies"))).hasSize(5);
  }

  private long suppressed(String address) {
    return Sql.count(
        app.database().dataSource(),
        "SELECT count(*) FROM suppressions WHERE reason = 'unsubscribed' AND email = '"
            + address
            + "'");
  }
}
