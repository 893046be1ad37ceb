/**
 * Prometheus metrics of the engine (Micrometer): what it claims, completes, reaps, and its queue.
 */
package com.campaignengine.metrics;
