package com.campaignengine.api;

import com.campaignengine.access.RoleRequired;
import com.campaignengine.app.InboundWebhooks;
import com.campaignengine.campaign.IllegalTransitionException;
import com.campaignengine.failure.CampaignEngineException;
import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.ForbiddenException;
import com.campaignengine.failure.GoneException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers: refusals of the {@link
 * CampaignEngineException} hierarchy to {@code {"error": "...", "field": "..."}} with their status.
 * Anything unexpected (a store or provider failure among them) is logged with its stack trace and
 * answered with a bare 500: no detail of it leaves the server.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static Response of(Exception e, String method, String path) {
    if (e instanceof CampaignEngineException refusal) {
      Optional<Response> answer = refusal(refusal);
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    if (e instanceof IOException) {
      LOG.debug("HTTP {} {}: the request could not be read: {}", method, path, e.toString());
      return error(400, "the request body could not be read", "body");
    }
    LOG.error("HTTP {} {} failed unexpectedly", method, path, e);
    return error(500, "internal error", null);
  }

  /** The answer to a refusal; empty for a failure that is ours, not the client's. */
  private static Optional<Response> refusal(CampaignEngineException e) {
    if (e instanceof ApiException api) {
      return Optional.of(error(api.status(), api.getMessage(), api.field()));
    }
    if (e instanceof InboundWebhooks.BadSignature) {
      return Optional.of(error(401, e.getMessage(), "signature"));
    }
    if (e instanceof ValidationException validation) {
      return Optional.of(error(422, validation.getMessage(), validation.field()));
    }
    if (e instanceof NotFoundException notFound) {
      return Optional.of(error(404, notFound.getMessage(), "id"));
    }
    if (e instanceof ForbiddenException forbidden) {
      return Optional.of(error(403, forbidden.getMessage(), forbidden.field()));
    }
    if (e instanceof ConflictException conflict) {
      Response response = error(409, conflict.getMessage(), conflict.field());
      if (conflict.existingId() != null) {
        ((ObjectNode) response.body()).put("id", Json.id(conflict.existingId()));
      }
      return Optional.of(response);
    }
    if (e instanceof GoneException gone) {
      return Optional.of(error(410, gone.getMessage(), gone.field()));
    }
    if (e instanceof RoleRequired needed) {
      return Optional.of(error(403, needed.getMessage(), "role"));
    }
    if (e instanceof IllegalTransitionException transition) {
      return Optional.of(error(409, transition.getMessage(), "status"));
    }
    return Optional.empty();
  }

  static Response error(int status, String message, String field) {
    ObjectNode body = Json.object();
    body.put("error", message);
    body.put("field", field);
    return new Response(status, body);
  }
}
