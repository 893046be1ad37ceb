package com.campaignengine.template;

/** The recipient's fields a template may use; every field may be {@code null} (renders empty). */
public record PersonFields(String firstName, String lastName, String title, String emailAddress) {}
