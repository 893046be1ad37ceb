package com.campaignengine.campaign;

/** The company a person works for; {@code domain} identifies it when present. */
public record Company(Long id, String name, String domain) {}
