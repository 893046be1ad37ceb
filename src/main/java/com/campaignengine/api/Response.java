package com.campaignengine.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * What a handler answers: a status and a JSON body, either built ({@code body}) or written as it is
 * sent ({@code writer}), for an answer too large to build as a tree first; {@code location}, the
 * {@code Location} header of a redirect, or null; {@code setCookie}, a {@code Set-Cookie} header,
 * or null.
 */
record Response(int status, JsonNode body, Writer writer, String location, String setCookie) {

  /** Writes a JSON body to the client, piece by piece. */
  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator json) throws IOException;
  }

  Response(int status, JsonNode body) {
    this(status, body, null, null, null);
  }

  Response(int status, JsonNode body, Writer writer) {
    this(status, body, writer, null, null);
  }

  /** This answer, setting {@code cookie} too. */
  Response withCookie(String cookie) {
    return new Response(status, body, writer, location, cookie);
  }

  /** 302 to {@code location}, the URL also in the body as {@code {"url": …}}. */
  static Response redirect(String location) {
    return new Response(302, Json.object().put("url", location), null, location, null);
  }

  static Response ok(JsonNode body) {
    return new Response(200, body);
  }

  /** 200, the body written by {@code writer} while it is sent (chunked). */
  static Response streamed(Writer writer) {
    return new Response(200, null, writer);
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
