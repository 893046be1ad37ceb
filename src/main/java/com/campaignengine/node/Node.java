package com.campaignengine.node;

import com.campaignengine.api.ApiServer;
import com.campaignengine.api.ApiServices;
import com.campaignengine.api.ManagementServer;
import com.campaignengine.engine.Engine;
import com.campaignengine.store.postgres.Database;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running campaign-engine node: its database, its wiring and, once started, its engine, duties
 * and HTTP API. Opening starts nothing but the database; the owner starts the rest. Closing stops
 * everything exactly once, in one order: the engine stops handing sends over at once, then the HTTP
 * API (no new requests), the duties, the engine (its batches finish and release), the providers'
 * connections, the database pool, the embedded PostgreSQL, and last its claim on the data directory
 * ({@link DataDirectoryLock}).
 */
public final class Node implements AutoCloseable {
  private final AtomicBoolean closed = new AtomicBoolean();
  private final DataDirectoryLock lock;
  private final NodeDatabase database;
  private final Wiring wiring;
  private final Clock clock;
  private final ApiServices api;
  private ApiServer server;
  private ManagementServer management;

  private Node(DataDirectoryLock lock, NodeDatabase database, Wiring wiring, Clock clock) {
    this.lock = lock;
    this.database = database;
    this.wiring = wiring;
    this.clock = clock;
    Database db = database.database();
    this.api = wiring.services.api(db::readiness, wiring.metrics::scrape);
  }

  /**
   * Claims the data directory, connects (starting the embedded PostgreSQL if no URL is given),
   * migrates and wires.
   *
   * @throws com.campaignengine.failure.StartupException when the node cannot start for a reason its
   *     operator can fix (another engine on the data directory, an unreachable database)
   */
  public static Node open(NodeOptions options, Collaborators parts) {
    DataDirectoryLock lock = DataDirectoryLock.acquire(options.storage().dataDir());
    try {
      NodeDatabase database = NodeDatabase.open(options.storage(), options.poolSize());
      try {
        return new Node(
            lock, database, new Wiring(database.database(), options, parts), parts.clock());
      } catch (RuntimeException e) {
        database.close();
        throw e;
      }
    } catch (RuntimeException e) {
      lock.close();
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

  /** The replies waiting for the model's category (tests wait for them). */
  public com.campaignengine.inbound.ReplyModelQueue replyModels() {
    return wiring.services.replyModels;
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
    bindHttp(port);
    return serveHttp();
  }

  /**
   * Takes the HTTP API's port (0: any free port) without answering yet; returns the port.
   *
   * @throws com.campaignengine.failure.StartupException if the port is in use
   */
  public synchronized int bindHttp(int port) {
    if (closed.get() || server != null) {
      throw new IllegalStateException("the node is closed or serves already");
    }
    server = new ApiServer(api, port);
    return server.port();
  }

  /** Answers on the port {@link #bindHttp} took; returns it. */
  public synchronized int serveHttp() {
    if (closed.get() || server == null) {
      throw new IllegalStateException("the node is closed or has no port yet");
    }
    server.start();
    return server.port();
  }

  /**
   * Serves the metrics and health checks on the operators' port at {@code address} (port 0: any
   * free one) until closed; returns the port.
   *
   * @throws com.campaignengine.failure.StartupException if the port is in use
   */
  public synchronized int serveManagement(InetSocketAddress address) {
    if (closed.get() || management != null) {
      throw new IllegalStateException("the node is closed or serves its metrics already");
    }
    management = new ManagementServer(api, address);
    management.start();
    return management.port();
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
      if (management != null) {
        management.close();
      }
    }
    wiring.duties.close();
    wiring.services.replyModels.close();
    wiring.engine.close();
    wiring.adapters.close();
    try {
      database.close();
    } finally {
      lock.close();
    }
  }
}
