package com.campaignengine.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Always on: WARN when an alert fires, INFO when it resolves. */
public final class LogAlertSink implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(LogAlertSink.class);

  @Override
  public void send(AlertRecord alert) {
    if (alert.firing()) {
      LOG.warn(
          "Alert(id={}, workspace={}) {}", alert.id(), alert.workspaceId(), AlertTexts.line(alert));
    } else {
      LOG.info(
          "Alert(id={}, workspace={}) {}", alert.id(), alert.workspaceId(), AlertTexts.line(alert));
    }
  }
}
