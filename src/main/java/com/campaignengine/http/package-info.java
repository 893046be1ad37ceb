/**
 * What every HTTP client of ours reads the same way (mail providers, AI providers, outbound
 * webhooks): the {@code Retry-After} header. Depends on nothing of ours.
 */
package com.campaignengine.http;
