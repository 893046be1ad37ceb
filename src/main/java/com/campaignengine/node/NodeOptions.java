package com.campaignengine.node;

import com.campaignengine.engine.EngineConfig;
import java.util.function.UnaryOperator;

/**
 * How to start a node, from flags and the environment: where its data lives, the engine's
 * configuration, and the settings normally taken from the environment.
 *
 * @param listen whether the engine is woken by PostgreSQL notifications besides polling
 */
public record NodeOptions(
    StorageSettings storage, EngineConfig engine, boolean listen, NodeSettings settings) {

  /** Options with every {@link NodeSettings} value from this process's environment. */
  public static NodeOptions withEnvironment(
      StorageSettings storage, EngineConfig engine, boolean listen) {
    return new NodeOptions(storage, engine, listen, NodeSettings.fromEnvironment());
  }

  /** The same options with the settings changed by {@code change}. */
  public NodeOptions with(UnaryOperator<NodeSettings> change) {
    return new NodeOptions(storage, engine, listen, change.apply(settings));
  }

  /** Connections the node's pool needs: one per worker, and some for the API and the duties. */
  int poolSize() {
    return engine.workers() + 8;
  }
}
