package com.campaignengine.store;

/** What an enrollment's person has done so far, as recorded: read by condition steps. */
public record Engagement(boolean replied, boolean opened, boolean clicked) {
  public static final Engagement NONE = new Engagement(false, false, false);
}
