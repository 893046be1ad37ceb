package com.campaignengine.campaign;

import java.util.Map;

/** A person as submitted; {@code company} may be null. */
public record PersonDraft(
    String emailAddress,
    String firstName,
    String lastName,
    String title,
    String timezone,
    Company company,
    Map<String, String> custom) {

  public PersonDraft {
    custom = Map.copyOf(custom);
  }
}
