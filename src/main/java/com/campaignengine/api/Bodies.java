package com.campaignengine.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

/**
 * Reads request bodies with a size limit: at most limit + 1 bytes are ever buffered (JSON), or none
 * (text, streamed). An oversized body is refused with 413 after discarding (not buffering) a
 * bounded amount of the rest, so the client can read the answer.
 */
final class Bodies {
  /** JSON bodies: 1 MiB. */
  static final int JSON_LIMIT = 1 << 20;

  /**
   * CSV imports: 256 MiB, room for {@link com.campaignengine.app.PeopleImport#MAX_ROWS} rows of
   * about 250 bytes. The body is streamed into the import, never held, so this bounds how long one
   * import holds its transaction and the size of its staging table, not the server's memory.
   */
  static final int CSV_LIMIT = 256 << 20;

  /** How much of a refused body is read and thrown away before answering. */
  static final long DISCARD_LIMIT = 64L << 20;

  private Bodies() {}

  /** The body as JSON; empty bodies give null. 415 for non-JSON types, 400 for malformed JSON. */
  static JsonNode json(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (!isJson(mimeType(type))) {
      throw ApiException.unsupportedType(type, "application/json");
    }
    byte[] bytes = read(exchange, JSON_LIMIT);
    if (bytes.length == 0) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw ApiException.badRequest("body", "malformed JSON" + where);
    }
  }

  /**
   * The body as UTF-8 text of one of {@code types} (a missing content type is accepted), read as it
   * arrives: see {@link TextBody} for what is refused on the way. A declared length over {@code
   * limit} is a 413 at once.
   */
  static TextBody text(HttpExchange exchange, int limit, Set<String> types) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    String mime = mimeType(type);
    if (!mime.isEmpty() && !types.contains(mime)) {
      throw ApiException.unsupportedType(type, String.join(" or ", types));
    }
    InputStream in = exchange.getRequestBody();
    refuseDeclaredOver(exchange, in, limit);
    return new TextBody(in, limit);
  }

  static byte[] read(HttpExchange exchange, int limit) throws IOException {
    InputStream in = exchange.getRequestBody();
    refuseDeclaredOver(exchange, in, limit);
    byte[] bytes = in.readNBytes(limit + 1);
    if (bytes.length > limit) {
      discard(in);
      throw ApiException.tooLarge(limit);
    }
    return bytes;
  }

  /** 413 for a declared Content-Length over the limit, before reading any of it. */
  private static void refuseDeclaredOver(HttpExchange exchange, InputStream in, long limit)
      throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && declaredOver(declared.strip(), limit)) {
      discard(in);
      throw ApiException.tooLarge(limit);
    }
  }

  private static boolean declaredOver(String declared, long limit) {
    try {
      return Long.parseLong(declared) > limit;
    } catch (NumberFormatException e) {
      return false; // the server itself rejects a malformed length
    }
  }

  /** Reads and drops the rest of a body, up to {@link #DISCARD_LIMIT}. */
  static void discard(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total < DISCARD_LIMIT && (n = in.read(buffer)) >= 0) {
      total += n;
    }
  }

  private static String mimeType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String mime = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return mime.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * JSON, a missing type, or curl's default for {@code -d} (form-urlencoded): this API has no form
   * bodies, so a user typing {@code curl -d '{…}'} means JSON.
   */
  private static boolean isJson(String mime) {
    return mime.isEmpty()
        || mime.equals("application/json")
        || mime.equals("application/x-www-form-urlencoded")
        || (mime.startsWith("application/") && mime.endsWith("+json"));
  }
}
