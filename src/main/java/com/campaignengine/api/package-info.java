/**
 * The HTTP API (design §5): routing, authentication, request parsing (JSON to drafts) and rendering
 * (records to JSON) on the JDK's built-in HTTP server; all work goes through the application
 * services.
 */
package com.campaignengine.api;
