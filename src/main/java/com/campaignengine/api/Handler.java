package com.campaignengine.api;

import java.io.IOException;

/** Answers one route. Throws the application's or the API's exceptions for refusals. */
@FunctionalInterface
interface Handler {
  Response handle(Request request) throws IOException;
}
