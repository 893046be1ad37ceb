/**
 * Alerts: rules evaluated periodically per workspace, one notification per condition until it
 * resolves (state in the {@code alerts} table), sinks for log, webhook and email.
 */
package com.campaignengine.alerts;
