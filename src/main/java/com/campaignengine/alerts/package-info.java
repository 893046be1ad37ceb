/**
 * Alerts: rules evaluated periodically per workspace, one notification per condition until it
 * resolves (state in the {@code alerts} table), sinks for log and webhook. Email alerts and the
 * operators' list of alerts are application services ({@code app}).
 */
package com.campaignengine.alerts;
