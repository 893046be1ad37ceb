package com.campaignengine.engine;

import com.campaignengine.store.Completion;

/**
 * Observes the engine: feeds metrics and the dashboard, and lets tests await progress instead of
 * sleeping. Called from engine threads; implementations must be thread-safe and quick.
 */
public interface EngineListener {
  default void onClaimed(int count) {}

  default void onCompleted(Completion completion) {}

  default void onReaped(int count) {}

  default void onUnexpectedError(Throwable error) {}

  EngineListener NONE = new EngineListener() {};

  /** Both listeners, in order. */
  static EngineListener both(EngineListener first, EngineListener second) {
    return new EngineListener() {
      @Override
      public void onClaimed(int count) {
        first.onClaimed(count);
        second.onClaimed(count);
      }

      @Override
      public void onCompleted(Completion completion) {
        first.onCompleted(completion);
        second.onCompleted(completion);
      }

      @Override
      public void onReaped(int count) {
        first.onReaped(count);
        second.onReaped(count);
      }

      @Override
      public void onUnexpectedError(Throwable error) {
        first.onUnexpectedError(error);
        second.onUnexpectedError(error);
      }
    };
  }
}
