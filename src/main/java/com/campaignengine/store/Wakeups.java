package com.campaignengine.store;

/** Port: tells the engine that new work may be due (e.g. PostgreSQL LISTEN/NOTIFY). */
public interface Wakeups extends AutoCloseable {

  /** Starts listening; {@code onWake} is called from a background thread and must be cheap. */
  void start(Runnable onWake);

  @Override
  void close();

  /** No wake-ups: the engine relies on polling alone. */
  Wakeups NONE =
      new Wakeups() {
        @Override
        public void start(Runnable onWake) {}

        @Override
        public void close() {}
      };
}
