package com.campaignengine.node;

import com.campaignengine.engine.EngineListener;
import com.campaignengine.engine.TransportResolver;
import com.campaignengine.personalize.Personalizer;
import java.time.Clock;

/**
 * The parts a caller gives a node instead of the node building its own: tests, the demo and the
 * benchmark replace the clock, the transports or the model, and listen to the engine.
 *
 * @param clock where every "now" of the node comes from
 * @param transports null: each mailbox's provider transport
 * @param listener hears the engine besides the node's metrics
 * @param personalizer null: the model the {@link AiSettings} describe (none without a provider)
 */
public record Collaborators(
    Clock clock, TransportResolver transports, EngineListener listener, Personalizer personalizer) {

  /** A production node: the system clock, the providers' transports, the configured model. */
  public static Collaborators production() {
    return new Collaborators(Clock.systemUTC(), null, EngineListener.NONE, null);
  }
}
