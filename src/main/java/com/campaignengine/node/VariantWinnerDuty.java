package com.campaignengine.node;

import com.campaignengine.app.VariantWinners;
import java.time.Duration;

/** Chooses the A/B winners that are due. */
public final class VariantWinnerDuty extends RepeatingDuty {
  private final VariantWinners winners;

  VariantWinnerDuty(VariantWinners winners) {
    // Closing lets a running choice finish before the database closes under it.
    super("ab-winners", "Choosing A/B winners failed", Duration.ofSeconds(5));
    this.winners = winners;
  }

  /** Chooses after {@code every}, then every {@code every}, until closed. */
  public void start(Duration every) {
    schedule(every, every);
  }

  /** The choice itself, to run by hand. */
  public VariantWinners winners() {
    return winners;
  }

  @Override
  void runOnce() {
    winners.decide();
  }
}
