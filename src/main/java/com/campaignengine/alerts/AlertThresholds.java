package com.campaignengine.alerts;

import java.time.Duration;
import java.time.LocalTime;

/**
 * When the rules fire. Rates are fractions (0.10 = 10 %) over at least {@code minSample} items.
 *
 * @param errorRate failed / finished executions of a campaign over {@code errorWindow}
 * @param bounceRate bounced / emailed people of a campaign over {@code bounceWindow}
 * @param minSample the smallest total a rate is judged on
 * @param deadLetters this many new dead letters within {@code deadLetterWindow} fire
 * @param dailyCapBefore a mailbox that reaches its daily cap before this local time fires
 * @param queueLag the oldest due pending execution waiting longer than this fires
 */
public record AlertThresholds(
    double errorRate,
    Duration errorWindow,
    double bounceRate,
    Duration bounceWindow,
    int minSample,
    int deadLetters,
    Duration deadLetterWindow,
    LocalTime dailyCapBefore,
    Duration queueLag) {

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
          DEFAULT_ERROR_RATE,
          DEFAULT_ERROR_WINDOW,
          DEFAULT_BOUNCE_RATE,
          DEFAULT_BOUNCE_WINDOW,
          DEFAULT_MIN_SAMPLE,
          DEFAULT_DEAD_LETTERS,
          DEFAULT_DEAD_LETTER_WINDOW,
          DEFAULT_DAILY_CAP_BEFORE,
          DEFAULT_QUEUE_LAG);

  public AlertThresholds {
    rate("error rate", errorRate);
    rate("bounce rate", bounceRate);
    positive("error window", errorWindow);
    positive("bounce window", bounceWindow);
    positive("dead-letter window", deadLetterWindow);
    positive("queue lag", queueLag);
    if (minSample < 1) {
      throw new IllegalArgumentException("the minimum sample must be at least 1");
    }
    if (deadLetters < 1) {
      throw new IllegalArgumentException("the dead-letter threshold must be at least 1");
    }
    if (dailyCapBefore == null) {
      throw new IllegalArgumentException("the daily-cap time must be given");
    }
  }

  public AlertThresholds withRates(double error, double bounce, int sample) {
    return new AlertThresholds(
        error,
        errorWindow,
        bounce,
        bounceWindow,
        sample,
        deadLetters,
        deadLetterWindow,
        dailyCapBefore,
        queueLag);
  }

  public AlertThresholds withDeadLetters(int count, Duration window) {
    return new AlertThresholds(
        errorRate,
        errorWindow,
        bounceRate,
        bounceWindow,
        minSample,
        count,
        window,
        dailyCapBefore,
        queueLag);
  }

  public AlertThresholds withDailyCapBefore(LocalTime before) {
    return new AlertThresholds(
        errorRate,
        errorWindow,
        bounceRate,
        bounceWindow,
        minSample,
        deadLetters,
        deadLetterWindow,
        before,
        queueLag);
  }

  public AlertThresholds withQueueLag(Duration lag) {
    return new AlertThresholds(
        errorRate,
        errorWindow,
        bounceRate,
        bounceWindow,
        minSample,
        deadLetters,
        deadLetterWindow,
        dailyCapBefore,
        lag);
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
