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
}
