package com.campaignengine.api;

import com.campaignengine.app.PeopleImport;
import com.campaignengine.app.PersonService;
import com.campaignengine.campaign.Person;
import com.campaignengine.readmodel.Page;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Reader;
import java.util.Set;

/** {@code /api/v1/people}: one at a time, listed by cursor, or imported from CSV. */
final class PeopleRoutes {
  private static final Set<String> CSV_TYPES =
      Set.of("text/csv", "text/plain", "application/csv", "application/vnd.ms-excel");

  private final PersonService people;
  private final PeopleImport peopleImport;

  PeopleRoutes(PersonService people, PeopleImport peopleImport) {
    this.people = people;
    this.peopleImport = peopleImport;
  }

  void register(Router router) {
    router.post(
        "/api/v1/people",
        request ->
            Response.created(
                PersonJson.render(
                    people.create(request.workspaceId(), request.json(PersonRequests::draft)))));
    router.get(
        "/api/v1/people/{id}",
        request ->
            Response.ok(
                PersonJson.render(people.get(request.workspaceId(), request.pathId("id")))));
    // Erasure: ?suppress=false also forgets that the address was ever suppressed.
    router.add(
        "DELETE",
        "/api/v1/people/{id}",
        request -> {
          long id = request.pathId("id");
          people.erase(request.workspaceId(), id, request.query().flag("suppress", true));
          return Response.noContent();
        });
    router.get(
        "/api/v1/people/{id}/export",
        request ->
            Response.ok(Json.parse(people.export(request.workspaceId(), request.pathId("id")))));
    router.get("/api/v1/people", this::list);
    router.post("/api/v1/people/import", this::importCsv);
  }

  private Response list(Request request) {
    QueryParams query = request.query();
    String email = query.text("email_address");
    int limit = query.limit();
    long cursor = query.cursor();
    Page<Person> page = people.list(request.workspaceId(), email, cursor, limit);
    return Response.ok(Json.page(page, PersonJson::render));
  }

  /**
   * The CSV is streamed into the import, and the answer, a line and an id per person (a million for
   * the largest import), is written as it is sent: neither is ever held whole.
   */
  private Response importCsv(Request request) throws IOException {
    PeopleImport.Report report;
    try (Reader csv = request.text(Bodies.CSV_LIMIT, CSV_TYPES)) {
      report = peopleImport.importCsv(request.workspaceId(), csv);
    }
    return Response.streamed(json -> write(report, json));
  }

  /**
   * {@code {"imported", "updated", "skipped": [{"line", "reason"}], "people": [{"line", "id"}]}}.
   */
  private static void write(PeopleImport.Report report, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeNumberField("imported", report.imported());
    json.writeNumberField("updated", report.updated());
    json.writeArrayFieldStart("skipped");
    for (PeopleImport.Skipped row : report.skipped()) {
      json.writeStartObject();
      json.writeNumberField("line", row.line());
      json.writeStringField("reason", row.reason());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("people");
    for (PeopleImport.Saved row : report.saved()) {
      json.writeStartObject();
      json.writeNumberField("line", row.line());
      json.writeStringField("id", Json.id(row.personId()));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
