package com.campaignengine.engine;

import com.campaignengine.campaign.Step;
import java.util.Optional;

/**
 * Which A/B variant of an email step a person gets: the chosen winner once there is one, else a
 * weighted pick that depends only on the enrollment and the step's key, so retries, restarts, other
 * nodes and later versions of the campaign all pick the same variant for the same person.
 */
public final class Variants {
  private Variants() {}

  public static Optional<Step.Variant> pick(Step step, long enrollmentId) {
    Step.EmailContent email = step.email();
    if (email == null || !email.hasVariants()) {
      return Optional.empty();
    }
    if (email.chosenVariant() != null) {
      Optional<Step.Variant> winner = email.variant(email.chosenVariant());
      if (winner.isPresent()) {
        return winner;
      }
    }
    int total = email.variants().stream().mapToInt(Step.Variant::weight).sum();
    long point = Math.floorMod(mix(enrollmentId, step.key()), (long) total);
    for (Step.Variant variant : email.variants()) {
      point -= variant.weight();
      if (point < 0) {
        return Optional.of(variant);
      }
    }
    throw new IllegalStateException("weights do not add up: " + email.variants());
  }

  /** SplitMix64's finalizer over the enrollment id and the key: well spread, stable forever. */
  static long mix(long enrollmentId, String stepKey) {
    long z = enrollmentId * 0x9E3779B97F4A7C15L + stepKey.hashCode();
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
