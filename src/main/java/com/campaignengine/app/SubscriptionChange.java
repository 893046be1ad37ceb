package com.campaignengine.app;

import java.util.List;

/**
 * What a {@code PATCH} changes; a null member is left as it is. {@code events} are wire names, not
 * yet validated.
 */
public record SubscriptionChange(
    String url, List<String> events, String description, Boolean active) {}
