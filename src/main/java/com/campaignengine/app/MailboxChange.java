package com.campaignengine.app;

import java.util.Map;
import java.util.Set;

/**
 * A change to a mailbox ({@code PATCH}): only what is given changes. A {@code null} {@link Given}
 * is a member the request left out; a {@link Given} holding null is one it set to null.
 *
 * @param settings per section, the settings given; a null value removes that setting
 * @param removedSections sections set to null as a whole (e.g. {@code imap}), with their secrets
 * @param secrets new secrets keyed {@code section.name}; secrets not given are kept
 */
public record MailboxChange(
    Given<String> displayName,
    Given<Integer> dailyLimit,
    Given<Integer> hourlyLimit,
    Given<Integer> minGapSeconds,
    Given<Integer> maxGapSeconds,
    Given<String> timezone,
    Map<String, Map<String, Object>> settings,
    Set<String> removedSections,
    Map<String, String> secrets) {

  public MailboxChange {
    settings = settings == null ? Map.of() : settings;
    removedSections = removedSections == null ? Set.of() : Set.copyOf(removedSections);
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
  }

  /** A member the request gave, possibly as null. */
  public record Given<T>(T value) {}

  /** Whether the provider settings or secrets change (the transport is then rebuilt). */
  boolean changesCredentials() {
    return !settings.isEmpty() || !removedSections.isEmpty() || !secrets.isEmpty();
  }
}
