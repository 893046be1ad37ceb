package com.campaignengine.template;

/** The recipient's company as seen by templates; fields may be {@code null} (render empty). */
public record CompanyFields(String name, String domain) {}
