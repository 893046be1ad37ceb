package com.campaignengine.tracking;

/**
 * Where the engine's public links point ({@code CAMPAIGN_ENGINE_PUBLIC_URL}) and the key their
 * tokens are sealed with. Tokens carry the execution id, which identifies its one send.
 */
public record Tracking(String publicUrl, TrackingTokens tokens) {
  public Tracking {
    publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  public String unsubscribeUrl(long executionId) {
    return publicUrl + "/u/" + tokens.unsubscribe(executionId);
  }

  public String openUrl(long executionId) {
    return publicUrl + "/t/o/" + tokens.open(executionId);
  }

  public String clickUrl(long executionId, int linkIndex) {
    return publicUrl + "/t/c/" + tokens.click(executionId, linkIndex);
  }

  /** RFC 8058 one-click needs an https URL; over plain http only List-Unsubscribe is sent. */
  public boolean oneClickCapable() {
    return publicUrl.startsWith("https://");
  }
}
