package com.campaignengine.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where webhook deliveries may go. By default only to public addresses: a workspace's API key must
 * not make the engine call this machine, the cloud's metadata service or the private network it
 * runs in (server-side request forgery). An operator whose receiver is on the private network
 * allows it with {@code CAMPAIGN_ENGINE_WEBHOOK_PRIVATE_NETWORKS=allow}. Checked when a URL is
 * saved and again before every attempt (DNS can change in between).
 */
public record Destinations(boolean allowPrivateNetworks) {
  public static final Destinations PUBLIC_ONLY = new Destinations(false);
  public static final Destinations ANY = new Destinations(true);

  /** {@code CAMPAIGN_ENGINE_WEBHOOK_PRIVATE_NETWORKS}: "allow", or unset for public only. */
  public static Destinations fromEnvironment(java.util.function.UnaryOperator<String> env) {
    String value = env.apply("CAMPAIGN_ENGINE_WEBHOOK_PRIVATE_NETWORKS");
    return value != null && value.strip().equalsIgnoreCase("allow") ? ANY : PUBLIC_ONLY;
  }

  /** Why {@code url} may not receive webhooks, or empty if it may. */
  public Optional<String> refusal(String url) {
    if (allowPrivateNetworks) {
      return Optional.empty();
    }
    String host = URI.create(url).getHost();
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return Optional.of("host " + host + " does not resolve");
    }
    for (InetAddress address : addresses) {
      if (isPrivate(address)) {
        return Optional.of(
            host
                + " resolves to "
                + address.getHostAddress()
                + ", a local or private address (allowed only with"
                + " CAMPAIGN_ENGINE_WEBHOOK_PRIVATE_NETWORKS=allow)");
      }
    }
    return Optional.empty();
  }

  static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      // 100.64.0.0/10 (carrier-grade NAT, also used by some clouds' internal services), 0.0.0.0/8.
      return (bytes[0] == 100 && (bytes[1] & 0xC0) == 64) || bytes[0] == 0;
    }
    if (address instanceof Inet6Address) {
      return (bytes[0] & 0xFE) == 0xFC; // fc00::/7, unique local
    }
    return false;
  }
}
