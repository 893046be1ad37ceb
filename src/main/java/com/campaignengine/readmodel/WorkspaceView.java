package com.campaignengine.readmodel;

import java.time.Instant;

/** A workspace as shown to its members. */
public record WorkspaceView(long id, String name, Instant createdAt) {}
