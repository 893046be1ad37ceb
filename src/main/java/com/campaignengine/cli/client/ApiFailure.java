package com.campaignengine.cli.client;

import com.campaignengine.failure.CampaignEngineException;

/**
 * The server refused or failed a request: its HTTP status and, from its {@code {"error": "...",
 * "field": "..."}} body, the message and the field it names (null when it names none).
 */
public final class ApiFailure extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;

  public ApiFailure(int status, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }

  /** One line: {@code field: message (HTTP status)}. */
  public String describe() {
    return (field == null ? "" : field + ": ") + getMessage() + " (HTTP " + status + ")";
  }
}
