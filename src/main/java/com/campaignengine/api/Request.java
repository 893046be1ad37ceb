package com.campaignengine.api;

import com.campaignengine.access.Principal;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/** One request as handlers see it: the caller's workspace, path ids, query and body. */
final class Request {
  private final HttpExchange exchange;
  private final Map<String, String> params;
  private final Principal principal;
  private final Router.RouteKey route;
  private QueryParams query;

  /**
   * @param principal who is asking; {@code null} on the routes no workspace key opens (signed
   *     webhooks, the administrator's routes)
   */
  Request(
      HttpExchange exchange,
      Map<String, String> params,
      Principal principal,
      Router.RouteKey route) {
    this.exchange = exchange;
    this.params = params;
    this.principal = principal;
    this.route = route;
  }

  /** The authenticated workspace. */
  long workspaceId() {
    if (principal == null) {
      throw new IllegalStateException("no workspace on " + route);
    }
    return principal.workspaceId();
  }

  /** Who is asking; {@code null} on the routes no workspace key opens. */
  Principal principal() {
    return principal;
  }

  /** The route this request matched. */
  Router.RouteKey route() {
    return route;
  }

  /** The request's headers. */
  com.sun.net.httpserver.Headers headers() {
    return exchange.getRequestHeaders();
  }

  /** A {@code {name}} path segment as text. */
  String pathText(String name) {
    return params.get(name);
  }

  /** A numeric {@code {name}} path segment; anything else is a resource that does not exist. */
  long pathId(String name) {
    OptionalLong id = Ids.parse(params.get(name));
    if (id.isEmpty()) {
      throw ApiException.notFound(name, "no such resource: '" + params.get(name) + "'");
    }
    return id.getAsLong();
  }

  QueryParams query() {
    if (query == null) {
      query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
    }
    return query;
  }

  /** The raw body (at most {@code limit} bytes, else 413): for signed webhooks. */
  byte[] bytes(int limit) throws IOException {
    return Bodies.read(exchange, limit);
  }

  /** A request header, or null. */
  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /**
   * The JSON body (an object; 400 when it is empty, malformed or not one) read by {@code reader};
   * then any member of it the reader did not ask for is a 422 naming it, before anything is done.
   */
  <T> T json(Function<JsonInput, T> reader) throws IOException {
    JsonNode body = Bodies.json(exchange);
    if (body == null) {
      throw ApiException.badRequest("body", "a JSON object is required");
    }
    return read(JsonInput.root(body), reader);
  }

  /** As {@link #json}, an absent body read as an empty object. */
  <T> T jsonOrEmpty(Function<JsonInput, T> reader) throws IOException {
    JsonNode body = Bodies.json(exchange);
    return read(JsonInput.root(body == null ? Json.object() : body), reader);
  }

  private static <T> T read(JsonInput body, Function<JsonInput, T> reader) {
    T value = reader.apply(body);
    body.requireNoUnknownFields();
    return value;
  }

  /** The body as UTF-8 text of one of {@code types}, streamed: see {@link TextBody}. */
  TextBody text(int limit, Set<String> types) throws IOException {
    return Bodies.text(exchange, limit, types);
  }
}
