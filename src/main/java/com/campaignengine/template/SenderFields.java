package com.campaignengine.template;

/** The sending mailbox as seen by templates; fields may be {@code null} (render empty). */
public record SenderFields(String name, String email) {}
