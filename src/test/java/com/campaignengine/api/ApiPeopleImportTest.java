package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/people/import} as a client sees it and as the database keeps it: new and
 * existing people, new and existing companies, duplicate and refused lines, values COPY must
 * escape, refusals of the whole file part way through it, and workspaces kept apart.
 */
class ApiPeopleImportTest extends ApiTestSupport.ServerPerTest {
  private static final String HEADER =
      "email_address,first_name,last_name,timezone,company_name,company_domain,skill";

  /** A tab, a backslash, PostgreSQL's null and end-of-data markers, CR, and control characters. */
  private static final String AWKWARD =
      "tab\there back\\slash \\N \\. cr\rx ctl\u0001 esc\u001b \"q\" end";

  /**
   * Lines 2-21 of the mixed file: line 9 is empty, and a quoted value with a line break (LF or CR)
   * spans two lines; a row is answered at its last line, as it always was.
   */
  private static final List<String> MIXED =
      List.of(
          "ada@engine.example,Ada,Lovelace,Europe/London,Analytical Engines,engine.example,math",
          "GRACE@Navy.Example,Grace,Hopper,,Renamed Navy,NAVY.EXAMPLE,",
          "not-an-address,Bad,,,,,",
          "alan@bletchley.example,Alan,Turing,,ACME,,crypto",
          "ada@engine.EXAMPLE,Ada,Again,,,,",
          "dup@x.example,Dup,,Mars/Olympus,,,",
          "DUP@x.example,Dup,Two,,,,",
          "",
          "edsger@dijkstra.example,Edsger,,,Analytical Engines,,",
          "barbara@liskov.example,Barbara,,,Other Name,Engine.Example,",
          "linus@kernel.example,Linus,\"T \"\"the\"\"\",,Kernel,,\"two\nlines\"",
          "kernel2@kernel.example,K,,,kernel,,",
          "ctrl@x.example,C,,,,,\"" + AWKWARD.replace("\"", "\"\"") + "\"",
          "newline@x.example,\"New\nline\",,,,,",
          "  spaced@x.example  ,Sp,,,,,",
          "\u00fcn\u00ef@x.example,U,,,,,",
          "utf@x.example,Zo\u00eb,\u00c6r\u00f8 \uD83D\uDE00,,\u00dcn\u00efcode GmbH,,\u65e5\u672c");

  private static String csv(List<String> rows) {
    return HEADER + "\n" + String.join("\n", rows) + "\n";
  }

  private Answer importCsv(String csv) {
    return send(
        request("/api/v1/people/import").header("Content-Type", "text/csv").POST(body(csv)));
  }

  private Answer importStream(InputStream csv) {
    return send(
        request("/api/v1/people/import")
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> csv)));
  }

  private JsonNode person(String id) {
    Answer person = get("/api/v1/people/" + id);
    assertThat(person.status()).as(person.raw().body()).isEqualTo(200);
    return person.body();
  }

  private JsonNode personByAddress(String email) {
    List<JsonNode> found =
        items(
            get(
                "/api/v1/people?email_address="
                    + URLEncoder.encode(email, StandardCharsets.UTF_8)));
    assertThat(found).as(email).hasSize(1);
    return found.get(0);
  }

  private long rows(String table) {
    return Sql.count(app.database().dataSource(), "SELECT count(*) FROM " + table);
  }

  /** {line: reason} of the answer's skipped rows, in order. */
  private static Map<Long, String> skipped(Answer answer) {
    Map<Long, String> skipped = new LinkedHashMap<>();
    answer
        .body()
        .get("skipped")
        .forEach(s -> skipped.put(s.get("line").asLong(), s.get("reason").asText()));
    return skipped;
  }

  /** {line: id} of the answer's people, in order. */
  private static Map<Long, String> people(Answer answer) {
    Map<Long, String> people = new LinkedHashMap<>();
    answer
        .body()
        .get("people")
        .forEach(p -> people.put(p.get("line").asLong(), p.get("id").asText()));
    return people;
  }

  private String existingPeople() {
    Answer grace =
        post(
            "/api/v1/people",
            "{\"email_address\": \"grace@navy.example\", \"first_name\": \"Grace\","
                + " \"timezone\": \"America/New_York\","
                + " \"company\": {\"name\": \"Navy Labs\", \"domain\": \"navy.example\"},"
                + " \"custom\": {\"skill\": \"COBOL\"}}");
    assertThat(grace.status()).as(grace.raw().body()).isEqualTo(201);
    Answer hopper =
        post(
            "/api/v1/people",
            "{\"email_address\": \"hopper@acme.example\", \"company\": {\"name\": \"Acme\"}}");
    assertThat(hopper.status()).as(hopper.raw().body()).isEqualTo(201);
    return grace.body().get("id").asText();
  }

  @Test
  void a_mixed_file_answers_each_line_and_leaves_exactly_its_people_and_companies() {
    String graceId = existingPeople();
    JsonNode navy = person(graceId).get("company");
    JsonNode acme = personByAddress("hopper@acme.example").get("company");

    Answer answer = importCsv(csv(MIXED));

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    assertThat(answer.body().get("imported").asInt()).isEqualTo(10);
    assertThat(answer.body().get("updated").asInt()).isEqualTo(1);
    assertThat(skipped(answer))
        .containsExactly(
            Map.entry(4L, "email_address: not a valid email address"),
            Map.entry(6L, "duplicate email_address in this file"),
            Map.entry(
                7L,
                "timezone: unknown time zone 'Mars/Olympus' (use an IANA name such as"
                    + " America/New_York)"),
            Map.entry(18L, "first_name: first_name must be one line of at most 500 characters"),
            Map.entry(20L, "email_address: not a valid email address"));
    Map<Long, String> people = people(answer);
    assertThat(people.keySet()).containsExactly(2L, 3L, 5L, 8L, 10L, 11L, 13L, 14L, 16L, 19L, 21L);
    assertThat(people.get(3L)).as("Grace is updated, not created").isEqualTo(graceId);
    assertThat(new ArrayList<>(people.values())).doesNotHaveDuplicates();
    assertThat(rows("people")).isEqualTo(2 + 10);
    assertThat(rows("companies"))
        .as("Navy, Acme + Analytical (domain), Analytical, Kernel, Ünïcode")
        .isEqualTo(6);

    JsonNode ada = person(people.get(2L));
    assertThat(ada.get("email_address").asText()).isEqualTo("ada@engine.example");
    assertThat(ada.get("last_name").asText())
        .as("the first line of an address stands")
        .isEqualTo("Lovelace");
    assertThat(ada.get("timezone").asText()).isEqualTo("Europe/London");
    assertThat(ada.at("/company/name").asText()).isEqualTo("Analytical Engines");
    assertThat(ada.at("/company/domain").asText()).isEqualTo("engine.example");
    assertThat(ada.at("/custom/skill").asText()).isEqualTo("math");

    JsonNode grace = person(graceId);
    assertThat(grace.get("email_address").asText())
        .as("the stored spelling stays")
        .isEqualTo("grace@navy.example");
    assertThat(grace.get("last_name").asText()).isEqualTo("Hopper");
    assertThat(grace.get("timezone").isNull()).as("an empty cell clears the field").isTrue();
    assertThat(grace.get("custom")).as("custom fields are replaced").isEmpty();
    assertThat(grace.get("company")).as("found by domain, its name unchanged").isEqualTo(navy);

    assertThat(person(people.get(5L)).get("company")).as("found by name, any case").isEqualTo(acme);
    assertThat(person(people.get(8L)).get("email_address").asText())
        .as("an address whose earlier line was refused is not a duplicate")
        .isEqualTo("DUP@x.example");

    JsonNode edsger = person(people.get(10L)).get("company");
    JsonNode barbara = person(people.get(11L)).get("company");
    assertThat(barbara)
        .as("the company line 2 created, found by domain")
        .isEqualTo(ada.get("company"));
    assertThat(edsger.get("id"))
        .as("a name alone is another company")
        .isNotEqualTo(ada.at("/company/id"));
    assertThat(edsger.get("name").asText()).isEqualTo("Analytical Engines");
    assertThat(edsger.get("domain").isNull()).isTrue();

    JsonNode linus = person(people.get(13L));
    assertThat(linus.get("last_name").asText()).isEqualTo("T \"the\"");
    assertThat(linus.at("/custom/skill").asText()).isEqualTo("two\nlines");
    assertThat(person(people.get(14L)).get("company")).isEqualTo(linus.get("company"));
    assertThat(linus.at("/company/name").asText())
        .as("the first line's spelling")
        .isEqualTo("Kernel");

    assertThat(person(people.get(16L)).at("/custom/skill").asText()).isEqualTo(AWKWARD);
    assertThat(person(people.get(19L)).get("email_address").asText()).isEqualTo("spaced@x.example");
    JsonNode utf = person(people.get(21L));
    assertThat(utf.get("first_name").asText()).isEqualTo("Zo\u00eb");
    assertThat(utf.get("last_name").asText()).isEqualTo("\u00c6r\u00f8 \uD83D\uDE00");
    assertThat(utf.at("/company/name").asText()).isEqualTo("\u00dcn\u00efcode GmbH");
    assertThat(utf.at("/custom/skill").asText()).isEqualTo("\u65e5\u672c");
  }

  @Test
  void the_same_file_again_updates_every_person_it_created_and_creates_nothing() {
    existingPeople();
    Answer first = importCsv(csv(MIXED));
    long companies = rows("companies");

    Answer again = importCsv(csv(MIXED));

    assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
    assertThat(again.body().get("imported").asInt()).isZero();
    assertThat(again.body().get("updated").asInt()).isEqualTo(11);
    assertThat(people(again)).isEqualTo(people(first));
    assertThat(skipped(again)).isEqualTo(skipped(first));
    assertThat(rows("people")).isEqualTo(12);
    assertThat(rows("companies")).isEqualTo(companies);
  }

  @Test
  void another_workspace_gets_its_own_people_and_companies_for_the_same_file() {
    existingPeople();
    Answer mine = importCsv(csv(MIXED));
    String otherKey = app.workspaces.createWorkspace("other");

    Answer theirs =
        send(
            HttpRequest.newBuilder(uri("/api/v1/people/import"))
                .header("Authorization", "Bearer " + otherKey)
                .header("Content-Type", "text/csv")
                .POST(body(csv(MIXED))));

    assertThat(theirs.status()).as(theirs.raw().body()).isEqualTo(200);
    assertThat(theirs.body().get("imported").asInt()).as("Grace is new there").isEqualTo(11);
    assertThat(theirs.body().get("updated").asInt()).isZero();
    assertThat(people(theirs).keySet()).isEqualTo(people(mine).keySet());
    assertThat(people(theirs).values()).doesNotContainAnyElementsOf(people(mine).values());
    assertThat(rows("people")).isEqualTo(12 + 11);
    assertThat(rows("companies"))
        .as("there too: Navy (as 'Renamed Navy'), ACME, Analytical ×2, Kernel, Ünïcode")
        .isEqualTo(6 + 6);
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM people p JOIN companies c ON c.id = p.company_id"
                    + " WHERE c.workspace_id <> p.workspace_id"))
        .as("every person's company is of the person's workspace")
        .isZero();
  }

  @Test
  void a_byte_order_mark_before_the_header_is_not_part_of_it() {
    Answer answer = importCsv("\uFEFFemail_address,first_name\nbom@x.example,Bo\n");

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    assertThat(answer.body().get("imported").asInt()).isEqualTo(1);
    assertThat(personByAddress("bom@x.example").get("first_name").asText()).isEqualTo("Bo");
  }

  @Test
  void a_file_refused_part_way_through_writes_nothing() {
    existingPeople();
    StringBuilder good = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < 3_000; i++) {
      good.append("p").append(i).append("@many.example,P,,,Company ").append(i % 50).append(",,\n");
    }
    long people = rows("people");
    long companies = rows("companies");

    Answer nul = importCsv(good + "late@x.example,Nul\u0000,,,,,\n");
    Answer notUtf8 =
        importStream(
            new SequenceInputStream(
                new ByteArrayInputStream(good.toString().getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(new byte[] {'x', '@', 'y', '.', 'z', (byte) 0xC3, '\n'})));
    Answer unclosed = importCsv(good + "late@x.example,\"unclosed\n");

    assertThat(nul.status()).as(nul.raw().body()).isEqualTo(400);
    assertThat(nul.field()).isEqualTo("body");
    assertThat(notUtf8.status()).as(notUtf8.raw().body()).isEqualTo(400);
    assertThat(notUtf8.body().get("error").asText()).isEqualTo("the body is not valid UTF-8 text");
    assertThat(unclosed.status()).as(unclosed.raw().body()).isEqualTo(422);
    assertThat(unclosed.field()).isEqualTo("body");
    assertThat(rows("people")).isEqualTo(people);
    assertThat(rows("companies")).isEqualTo(companies);
    assertThat(importCsv(good.toString()).body().get("imported").asInt())
        .as("the same rows alone import")
        .isEqualTo(3_000);
  }

  @Test
  void a_streamed_body_over_the_limit_is_refused_with_413_and_writes_nothing() {
    existingPeople();
    long people = rows("people");
    String filler = "x".repeat(4_000);
    long rowsToSend = Bodies.CSV_LIMIT / 4_000 + 100;
    InputStream over =
        new InputStream() {
          private byte[] chunk = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
          private int position;
          private long row;

          @Override
          public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            if (position == chunk.length) {
              if (row == rowsToSend) {
                return -1;
              }
              chunk =
                  ("big" + row++ + "@big.example,Big,,,,," + filler + "\n")
                      .getBytes(StandardCharsets.UTF_8);
              position = 0;
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            return n;
          }
        };

    Answer answer = importStream(over);

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(413);
    assertThat(answer.field()).isEqualTo("body");
    assertThat(rows("people")).isEqualTo(people);
  }
}
