package com.campaignengine.alerts;

import java.util.List;

/**
 * Port: where alert notices go (log, webhook, email). Called once when an alert fires and once when
 * it resolves, from the alert thread. Implementations must not throw for delivery problems (log
 * them instead) and must be thread-safe.
 */
@FunctionalInterface
public interface AlertSink {

  /** Tells someone that {@code alert} fired ({@link AlertRecord#firing}) or resolved. */
  void send(AlertRecord alert);

  /** A sink that hands each notice to every sink in turn; one failing does not stop the others. */
  static AlertSink all(List<AlertSink> sinks) {
    List<AlertSink> copy = List.copyOf(sinks);
    return alert -> {
      for (AlertSink sink : copy) {
        try {
          sink.send(alert);
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(AlertSink.class)
              .error("Alert(id={}) sink {} failed", alert.id(), sink.getClass().getSimpleName(), e);
        }
      }
    };
  }
}
