package com.campaignengine.api;

import com.campaignengine.app.ConflictException;
import com.campaignengine.app.InboundWebhooks;
import com.campaignengine.app.NotFoundException;
import com.campaignengine.app.ValidationException;
import com.campaignengine.campaign.IllegalTransitionException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refusals to {@code {"error": "...", "field": "..."}} with their status. Anything unexpected is
 * logged with its stack trace and answered with a bare 500: no detail of it leaves the server.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static Response of(Exception e, String method, String path) {
    if (e instanceof ApiException api) {
      return error(api.status(), api.getMessage(), api.field());
    }
    if (e instanceof InboundWebhooks.BadSignature) {
      return error(401, e.getMessage(), "signature");
    }
    if (e instanceof ValidationException validation) {
      return error(422, validation.getMessage(), validation.field());
    }
    if (e instanceof NotFoundException notFound) {
      return error(404, notFound.getMessage(), "id");
    }
    if (e instanceof ConflictException conflict) {
      Response response = error(409, conflict.getMessage(), conflict.field());
      if (conflict.existingId() != null) {
        ((ObjectNode) response.body()).put("id", Json.id(conflict.existingId()));
      }
      return response;
    }
    if (e instanceof IllegalTransitionException transition) {
      return error(409, transition.getMessage(), "status");
    }
    if (e instanceof IOException) {
      LOG.debug("HTTP {} {}: the request could not be read: {}", method, path, e.toString());
      return error(400, "the request body could not be read", "body");
    }
    LOG.error("HTTP {} {} failed unexpectedly", method, path, e);
    return error(500, "internal error", null);
  }

  static Response error(int status, String message, String field) {
    ObjectNode body = Json.object();
    body.put("error", message);
    body.put("field", field);
    return new Response(status, body);
  }
}
