package com.campaignengine.readmodel;

import java.time.Instant;

/** A workspace as the server's administrator lists it. */
public record WorkspaceSummary(long id, String name, Instant createdAt) {}
