package com.campaignengine.api;

import com.fasterxml.jackson.databind.JsonNode;

/** What a handler answers: a status and a JSON body. */
record Response(int status, JsonNode body) {

  static Response ok(JsonNode body) {
    return new Response(200, body);
  }

  static Response created(JsonNode body) {
    return new Response(201, body);
  }

  static Response accepted(JsonNode body) {
    return new Response(202, body);
  }

  /** 204: done, nothing to say (the body is empty). */
  static Response noContent() {
    return new Response(204, null);
  }
}
