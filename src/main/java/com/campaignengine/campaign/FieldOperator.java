package com.campaignengine.campaign;

import java.util.Locale;
import java.util.Optional;

/** Comparison of a {@code field} condition; text comparisons ignore case. */
public enum FieldOperator {
  EQUALS,
  NOT_EQUALS,
  CONTAINS,
  EXISTS,
  NOT_EXISTS;

  /** Whether the operator compares against a value (EXISTS and NOT_EXISTS do not). */
  public boolean needsValue() {
    return this == EQUALS || this == NOT_EQUALS || this == CONTAINS;
  }

  /** Applies the operator; {@code actual} null or blank counts as absent. */
  public boolean test(String actual, String expected) {
    boolean present = actual != null && !actual.isBlank();
    return switch (this) {
      case EXISTS -> present;
      case NOT_EXISTS -> !present;
      case EQUALS -> present && actual.strip().equalsIgnoreCase(expected.strip());
      case NOT_EQUALS -> !present || !actual.strip().equalsIgnoreCase(expected.strip());
      case CONTAINS ->
          present && actual.toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT));
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FieldOperator> fromWire(String value) {
    for (FieldOperator op : values()) {
      if (op.wireName().equals(value)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
