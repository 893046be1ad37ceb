package com.campaignengine.api;

import com.campaignengine.app.TemplateReview;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.mail.OutgoingMessage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/campaigns/{id}/preview} (a step rendered for one person, sending nothing) and
 * {@code GET /api/v1/campaigns/{id}/lint} (enrolled people who would get an empty value).
 */
final class ReviewRoutes {
  private final TemplateReview review;

  /** {@code {"person_id": "…", "step_key": "…"}}. */
  private record PreviewRequest(long personId, String stepKey) {}

  ReviewRoutes(TemplateReview review) {
    this.review = review;
  }

  void register(Router router) {
    router.post(
        "/api/v1/campaigns/{id}/preview",
        request -> {
          PreviewRequest asked = request.json(ReviewRoutes::previewRequest);
          OutgoingMessage message =
              review.preview(
                  request.workspaceId(), request.pathId("id"), asked.personId(), asked.stepKey());
          ObjectNode json = Json.object();
          json.put("from", message.from().email());
          json.put("to", message.to().email());
          json.put("subject", message.subject());
          json.put("text", message.body().text());
          json.put("html", message.body().html());
          ObjectNode headers = json.putObject("headers");
          headers.put("Message-ID", message.messageId());
          message.extraHeaders().forEach(headers::put);
          return Response.ok(json);
        });
    router.get(
        "/api/v1/campaigns/{id}/lint",
        request -> {
          ArrayNode people = Json.array();
          for (TemplateReview.Finding f :
              review.lint(request.workspaceId(), request.pathId("id"))) {
            ObjectNode item = people.addObject();
            item.put("person_id", Json.id(f.personId()));
            item.put("email_address", f.emailAddress());
            item.put("step_key", f.stepKey());
            ArrayNode missing = item.putArray("missing");
            f.missing().forEach(missing::add);
          }
          return Response.ok(Json.object().set("people", people));
        });
  }

  private static PreviewRequest previewRequest(JsonInput body) {
    JsonInput.Element person = body.member("person_id");
    if (person == null) {
      throw new ValidationException("person_id", "person_id is required");
    }
    return new PreviewRequest(person.id(), body.requiredText("step_key"));
  }
}
