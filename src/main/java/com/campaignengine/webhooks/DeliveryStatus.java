package com.campaignengine.webhooks;

import java.util.Locale;
import java.util.Optional;

/**
 * A delivery is {@code pending} (due at its next attempt, or held while its subscription is off)
 * until the receiver accepts it ({@code delivered}) or its attempts run out ({@code failed}); a
 * manual retry puts a failed one back to {@code pending}.
 */
public enum DeliveryStatus {
  PENDING,
  DELIVERED,
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<DeliveryStatus> fromWire(String value) {
    for (DeliveryStatus status : values()) {
      if (status.wireName().equals(value)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
