package com.campaignengine.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code secret_unavailable}: a node could not unseal mailbox credentials in the last {@link
 * #WINDOW}, most often because it runs with another {@code CAMPAIGN_ENGINE_SECRET_KEY} than the
 * rest of the cluster. One alert per node; the work only waits, it is not failed.
 */
public final class SecretUnavailableRule extends ThresholdRule {
  public static final String NAME = "secret_unavailable";

  /** A node reports a mailbox at most once a minute while it keeps trying. */
  static final Duration WINDOW = Duration.ofMinutes(15);

  private static final int NAMED = 5;

  public SecretUnavailableRule(AlertReadings readings) {
    super(NAME, readings, null);
  }

  @Override
  public List<Alert> firing(long workspaceId, Instant now) {
    Map<String, List<AlertReadings.UnsealFailure>> byNode = new LinkedHashMap<>();
    for (AlertReadings.UnsealFailure failure :
        readings.unsealFailures(workspaceId, now.minus(WINDOW))) {
      byNode.computeIfAbsent(failure.nodeId(), n -> new ArrayList<>()).add(failure);
    }
    List<Alert> alerts = new ArrayList<>();
    byNode.forEach(
        (node, failures) -> {
          List<String> named = new ArrayList<>();
          for (AlertReadings.UnsealFailure f :
              failures.subList(0, Math.min(NAMED, failures.size()))) {
            named.add(f.email() + " (id " + f.mailboxId() + ")");
          }
          String more =
              failures.size() > NAMED ? " and " + (failures.size() - NAMED) + " more" : "";
          alerts.add(
              new Alert(
                  NAME,
                  "node=" + node,
                  "Mailbox credentials cannot be unsealed on node "
                      + node
                      + " ("
                      + failures.size()
                      + " mailbox(es): "
                      + String.join(", ", named)
                      + more
                      + "); their sends wait for a node that can open them. Does that node run"
                      + " with the cluster's CAMPAIGN_ENGINE_SECRET_KEY?",
                  null,
                  failures.size() == 1 ? failures.get(0).mailboxId() : null,
                  false));
        });
    return alerts;
  }
}
