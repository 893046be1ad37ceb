package com.campaignengine.inbound;

import com.campaignengine.campaign.Mailbox;
import java.util.Optional;

/**
 * Port: the inbound source of a mailbox, if it has one. Implementations cache and are thread-safe.
 */
@FunctionalInterface
public interface InboundSources {
  Optional<InboundSource> sourceFor(Mailbox mailbox);
}
