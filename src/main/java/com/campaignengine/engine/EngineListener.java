package com.campaignengine.engine;

import com.campaignengine.campaign.StepType;
import com.campaignengine.store.Completion;
import java.time.Duration;

/**
 * Observes the engine: feeds metrics and the dashboard, and lets tests await progress instead of
 * sleeping. Called from engine threads; implementations must be thread-safe and quick.
 */
public interface EngineListener {
  /** Executions of steps of this type claimed by one batch. */
  default void onClaimed(StepType stepType, int count) {}

  /** A completed execution of a step of this type. */
  default void onCompleted(StepType stepType, Completion completion) {}

  /**
   * One call to a provider: its transport's name ({@code smtp}, {@code gmail}, …), the result's
   * kind ({@code sent}, {@code retryable}, {@code permanent}, …) and how long the call took.
   */
  default void onSend(String provider, String result, Duration latency) {}

  /**
   * One mailbox asked before its follow-ups ({@code answered} false: it could not be, and they
   * wait): how many follow-ups, how many messages it found from their people, how long it took.
   */
  default void onReplyCheck(int followUps, int found, boolean answered, Duration latency) {}

  default void onReaped(int count) {}

  default void onUnexpectedError(Throwable error) {}

  EngineListener NONE = new EngineListener() {};

  /** Both listeners, in order. */
  static EngineListener both(EngineListener first, EngineListener second) {
    return new EngineListener() {
      @Override
      public void onClaimed(StepType stepType, int count) {
        first.onClaimed(stepType, count);
        second.onClaimed(stepType, count);
      }

      @Override
      public void onCompleted(StepType stepType, Completion completion) {
        first.onCompleted(stepType, completion);
        second.onCompleted(stepType, completion);
      }

      @Override
      public void onSend(String provider, String result, Duration latency) {
        first.onSend(provider, result, latency);
        second.onSend(provider, result, latency);
      }

      @Override
      public void onReplyCheck(int followUps, int found, boolean answered, Duration latency) {
        first.onReplyCheck(followUps, found, answered, latency);
        second.onReplyCheck(followUps, found, answered, latency);
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
