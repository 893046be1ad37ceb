package com.campaignengine.api;

import com.campaignengine.app.PeopleImport;
import com.campaignengine.app.PersonService;
import com.campaignengine.campaign.Person;
import com.campaignengine.readmodel.Page;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
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

  private Response importCsv(Request request) throws java.io.IOException {
    String csv = request.text(Bodies.CSV_LIMIT, CSV_TYPES);
    PeopleImport.Report report =
        peopleImport.importCsv(request.workspaceId(), new StringReader(csv));
    ObjectNode json = Json.object();
    json.put("imported", report.imported());
    json.put("updated", report.updated());
    ArrayNode skipped = json.putArray("skipped");
    for (PeopleImport.Skipped row : report.skipped()) {
      skipped.addObject().put("line", row.line()).put("reason", row.reason());
    }
    ArrayNode people = json.putArray("people");
    for (PeopleImport.Saved row : report.saved()) {
      people.addObject().put("line", row.line()).put("id", Json.id(row.personId()));
    }
    return Response.ok(json);
  }
}
