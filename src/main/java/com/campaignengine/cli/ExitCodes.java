package com.campaignengine.cli;

/**
 * What the client commands exit with, so scripts can tell outcomes apart. Listed in {@code --help}
 * and in the README.
 */
final class ExitCodes {
  static final int OK = 0;

  /** The server failed (5xx), could not be reached, or ({@code serve}) could not start. */
  static final int SERVER = 1;

  /** A usage error or refused input: bad options, a bad file, HTTP 400 or 422. */
  static final int REFUSED = 2;

  /** The campaign, mailbox or execution does not exist (HTTP 404). */
  static final int NOT_FOUND = 3;

  /** No or a wrong API key (HTTP 401 or 403). */
  static final int AUTHENTICATION = 4;

  /** The resource is in a state that does not allow this (HTTP 409). */
  static final int CONFLICT = 5;

  /** The footer of {@code --help}. */
  static final String HELP =
      "%nExit codes: 0 success; 1 server failure or unreachable; 2 usage error or refused input"
          + " (bad file, HTTP 400/422); 3 not found (404); 4 authentication (401/403);"
          + " 5 conflict (409).";

  private ExitCodes() {}

  static int forStatus(int status) {
    return switch (status) {
      case 401, 403 -> AUTHENTICATION;
      case 404 -> NOT_FOUND;
      case 409 -> CONFLICT;
      default -> status >= 400 && status < 500 && status != 405 ? REFUSED : SERVER;
    };
  }
}
