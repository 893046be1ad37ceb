package com.campaignengine.node;

import com.campaignengine.api.ApiServer;
import com.campaignengine.api.ApiServices;
import com.campaignengine.engine.Engine;
import com.campaignengine.store.postgres.Database;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running campaign-engine node: its database, its wiring and, once started, its engine, duties
 * and HTTP API. Opening starts nothing but the database; the owner starts the rest. Closing stops
 * everything exactly once, in one order: the engine stops handing sends over at once, then the HTTP
 * API (no new requests), the duties, the engine (its batches finish and release), the providers'
 * connections, the database pool, and last the embedded PostgreSQL.
 */
public final class Node implements AutoCloseable {
  private final AtomicBoolean closed = new AtomicBoolean();
  private final NodeDatabase database;
  private final Wiring wiring;
  private final Clock clock;
  private final ApiServices api;
  private ApiServer server;

  private Node(NodeDatabase database, Wiring wiring, Clock clock) {
    this.database = database;
    this.wiring = wiring;
    this.clock = clock;
    Database db = database.database();
    this.api = wiring.services.api(db::readiness, wiring.metrics::scrape);
  }

  /** Connects (starting the embedded PostgreSQL if no URL is given), migrates and wires. */
  public static Node open(NodeOptions options, Collaborators parts) {
    NodeDatabase database = NodeDatabase.open(options.storage(), options.poolSize());
    try {
      return new Node(database, new Wiring(database.database(), options, parts), parts.clock());
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The services the HTTP API serves from. */
  public ApiServices api() {
    return api;
  }

  public Engine engine() {
    return wiring.engine;
  }

  public Duties duties() {
    return wiring.duties;
  }

  public Database database() {
    return database.database();
  }

  /** The clock every "now" of this node comes from. */
  public Clock clock() {
    return clock;
  }

  /** Serves the HTTP API on {@code port} (0: any free port) until closed; returns the port. */
  public synchronized int serveHttp(int port) {
    if (closed.get() || server != null) {
      throw new IllegalStateException("the node is closed or serves already");
    }
    server = new ApiServer(api, port);
    server.start();
    return server.port();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // At once, before the slower closes below: no send is handed to a provider from now on.
    wiring.engine.beginShutdown();
    synchronized (this) {
      if (server != null) {
        server.close();
      }
    }
    wiring.duties.close();
    wiring.engine.close();
    wiring.adapters.close();
    database.close();
  }
}
