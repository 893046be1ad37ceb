package com.campaignengine.store;

import java.util.List;

/**
 * One claim: how many due rows it took, those leased to this node (their versions already bumped),
 * and the inline runs completed in the same transaction ({@code dueSoon}: they scheduled work due
 * before the caller's next poll). A row neither leased nor completed was left due as it was.
 */
public record Claim(
    int claimed, List<ClaimedExecution> leased, List<Completion> completedInline, boolean dueSoon) {

  public static final Claim NOTHING = new Claim(0, List.of(), List.of(), false);
}
