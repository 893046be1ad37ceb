/** The CLI's HTTP client for a running server's {@code /api/v1} (java.net.http, JSON). */
package com.campaignengine.cli.client;
