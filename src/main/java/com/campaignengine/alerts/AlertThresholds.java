package com.campaignengine.alerts;

import java.time.Duration;
import java.time.LocalTime;

/**
 * When the rules fire. Rates are fractions (0.10 = 10 %) over at least {@code minSample} items.
 *
 * @param errors failed / finished executions of a campaign over the window
 * @param bounces bounced / emailed people of a campaign over the window
 * @param minSample the smallest total a rate is judged on
 * @param deadLetters this many new dead letters within the window fire
 * @param dailyCapBefore a mailbox that reaches its daily cap before this local time fires
 * @param queueLag the oldest due pending execution waiting longer than this fires
 */
public record AlertThresholds(
    Rate errors,
    Rate bounces,
    int minSample,
    Count deadLetters,
    LocalTime dailyCapBefore,
    Duration queueLag) {

  /** A rate that fires above {@code rate} (a fraction), counted over the last {@code window}. */
  public record Rate(double rate, Duration window) {}

  /** A count that fires at {@code count} or more within the last {@code window}. */
  public record Count(int count, Duration window) {}

  public static final double DEFAULT_ERROR_RATE = 0.10;
  public static final Duration DEFAULT_ERROR_WINDOW = Duration.ofHours(1);
  public static final double DEFAULT_BOUNCE_RATE = 0.05;
  public static final Duration DEFAULT_BOUNCE_WINDOW = Duration.ofHours(24);
  public static final int DEFAULT_MIN_SAMPLE = 20;
  public static final int DEFAULT_DEAD_LETTERS = 1;
  public static final Duration DEFAULT_DEAD_LETTER_WINDOW = Duration.ofMinutes(15);
  public static final LocalTime DEFAULT_DAILY_CAP_BEFORE = LocalTime.of(15, 0);
  public static final Duration DEFAULT_QUEUE_LAG = Duration.ofMinutes(10);

  public static final AlertThresholds DEFAULTS =
      new AlertThresholds(
          new Rate(DEFAULT_ERROR_RATE, DEFAULT_ERROR_WINDOW),
          new Rate(DEFAULT_BOUNCE_RATE, DEFAULT_BOUNCE_WINDOW),
          DEFAULT_MIN_SAMPLE,
          new Count(DEFAULT_DEAD_LETTERS, DEFAULT_DEAD_LETTER_WINDOW),
          DEFAULT_DAILY_CAP_BEFORE,
          DEFAULT_QUEUE_LAG);

  public AlertThresholds {
    rate("error rate", errors.rate());
    rate("bounce rate", bounces.rate());
    positive("error window", errors.window());
    positive("bounce window", bounces.window());
    positive("dead-letter window", deadLetters.window());
    positive("queue lag", queueLag);
    if (minSample < 1) {
      throw new IllegalArgumentException("the minimum sample must be at least 1");
    }
    if (deadLetters.count() < 1) {
      throw new IllegalArgumentException("the dead-letter threshold must be at least 1");
    }
    if (dailyCapBefore == null) {
      throw new IllegalArgumentException("the daily-cap time must be given");
    }
  }

  public AlertThresholds withRates(double error, double bounce, int sample) {
    return new AlertThresholds(
        new Rate(error, errors.window()),
        new Rate(bounce, bounces.window()),
        sample,
        deadLetters,
        dailyCapBefore,
        queueLag);
  }

  public AlertThresholds withDeadLetters(int count, Duration window) {
    return new AlertThresholds(
        errors, bounces, minSample, new Count(count, window), dailyCapBefore, queueLag);
  }

  public AlertThresholds withDailyCapBefore(LocalTime before) {
    return new AlertThresholds(errors, bounces, minSample, deadLetters, before, queueLag);
  }

  public AlertThresholds withQueueLag(Duration lag) {
    return new AlertThresholds(errors, bounces, minSample, deadLetters, dailyCapBefore, lag);
  }

  private static void rate(String name, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be above 0 % and at most 100 %");
    }
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }
}
