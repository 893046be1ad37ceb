package com.campaignengine.api;

import com.campaignengine.failure.CampaignEngineException;

/**
 * A request the API refuses before it reaches a service: malformed or mistyped JSON (400), no or a
 * wrong API key (401), an unknown route or id (404), a wrong method (405), too large a body (413),
 * a wrong content type (415). Semantic problems use the application's exceptions instead.
 */
final class ApiException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String field;
  private final String allow;

  ApiException(int status, String field, String message) {
    this(status, field, message, null);
  }

  private ApiException(int status, String field, String message, String allow) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
    this.allow = allow;
  }

  static ApiException badRequest(String field, String message) {
    return new ApiException(400, field, message);
  }

  /** 403: the caller's role does not include {@code needed}; the answer names the role needed. */
  static ApiException forbidden(com.campaignengine.access.Role needed) {
    return new ApiException(
        403, "role", "this needs the " + needed.wire() + " role (or a role above it)");
  }

  static ApiException unauthorized() {
    return new ApiException(401, "authorization", "missing or invalid API key");
  }

  static ApiException notFound(String field, String message) {
    return new ApiException(404, field, message);
  }

  static ApiException methodNotAllowed(String method, String allow) {
    return new ApiException(
        405, "method", method + " is not allowed here (allowed: " + allow + ")", allow);
  }

  static ApiException tooLarge(long limit) {
    return new ApiException(413, "body", "request body is larger than " + limit + " bytes");
  }

  static ApiException unsupportedType(String contentType, String expected) {
    return new ApiException(
        415,
        "content-type",
        "content type '" + contentType + "' is not supported (use " + expected + ")");
  }

  int status() {
    return status;
  }

  String field() {
    return field;
  }

  /** The methods the path allows, for a 405's {@code Allow} header; null otherwise. */
  String allow() {
    return allow;
  }
}
