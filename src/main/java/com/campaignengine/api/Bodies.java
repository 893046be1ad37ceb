package com.campaignengine.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Reads request bodies with a size limit: at most limit + 1 bytes are ever buffered. An oversized
 * body is refused with 413 after discarding (not buffering) a bounded amount of the rest, so the
 * client can read the answer.
 */
final class Bodies {
  /** JSON bodies: 1 MiB. */
  static final int JSON_LIMIT = 1 << 20;

  /** CSV imports: 20 MiB. */
  static final int CSV_LIMIT = 20 << 20;

  /** How much of an oversized body is read and thrown away before answering 413. */
  private static final long DISCARD_LIMIT = 64L << 20;

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

  /** The body as UTF-8 text of one of {@code types} (a missing content type is accepted). */
  static String text(HttpExchange exchange, int limit, Set<String> types) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    String mime = mimeType(type);
    if (!mime.isEmpty() && !types.contains(mime)) {
      throw ApiException.unsupportedType(type, String.join(" or ", types));
    }
    byte[] bytes = read(exchange, limit);
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      if (text.indexOf('\u0000') >= 0) {
        throw ApiException.badRequest("body", "the body contains a NUL character");
      }
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("body", "the body is not valid UTF-8 text");
    }
  }

  static byte[] read(HttpExchange exchange, int limit) throws IOException {
    InputStream in = exchange.getRequestBody();
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && declaredOver(declared.strip(), limit)) {
      discard(in);
      throw ApiException.tooLarge(limit);
    }
    byte[] bytes = in.readNBytes(limit + 1);
    if (bytes.length > limit) {
      discard(in);
      throw ApiException.tooLarge(limit);
    }
    return bytes;
  }

  private static boolean declaredOver(String declared, int limit) {
    try {
      return Long.parseLong(declared) > limit;
    } catch (NumberFormatException e) {
      return false; // the server itself rejects a malformed length
    }
  }

  private static void discard(InputStream in) throws IOException {
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
