package com.campaignengine.access;

import java.util.Optional;

/**
 * The audit entry of the write request this thread is serving, from the moment its route and role
 * are checked until its answer is ready: the API opens it, the store writes it.
 *
 * <p>It is request-scoped state on the request's thread, as SLF4J's MDC is, because the entry must
 * be written inside the transaction of the change, and that transaction is run deep in a store the
 * request reaches through use cases that know nothing of HTTP. Handing the entry down every call
 * would touch every use case and every store method; a thread-bound scope touches one place on each
 * side ({@code api.ExchangeHandler} and {@code store.postgres.Database}). A request does its
 * database work on its own thread; work handed to another thread is not attributed to it.
 *
 * <p>The entry is written once per request, in the first transaction that commits a change (see
 * {@code store.postgres.Database}); after that commit the scope is {@linkplain #recorded()
 * recorded} and later transactions of the request write no further row.
 */
public final class AuditScope implements AutoCloseable {
  private static final ThreadLocal<AuditScope> CURRENT = new ThreadLocal<>();

  private final AuditEntry entry;
  private boolean recorded;

  private AuditScope(AuditEntry entry) {
    this.entry = entry;
  }

  /**
   * Opens the scope of {@code entry} on this thread until {@link #close}.
   *
   * @throws IllegalStateException if a scope is open already: requests do not nest
   */
  public static AuditScope open(AuditEntry entry) {
    if (CURRENT.get() != null) {
      throw new IllegalStateException("an audit scope is open already on this thread");
    }
    AuditScope scope = new AuditScope(entry);
    CURRENT.set(scope);
    return scope;
  }

  /** The scope whose entry is still to be written by this thread's next changing transaction. */
  public static Optional<AuditScope> pending() {
    AuditScope scope = CURRENT.get();
    return scope == null || scope.recorded ? Optional.empty() : Optional.of(scope);
  }

  public AuditEntry entry() {
    return entry;
  }

  /** Whether the entry is in a committed transaction. */
  public boolean recorded() {
    return recorded;
  }

  /** Notes that the transaction holding the entry has committed. */
  public void markRecorded() {
    recorded = true;
  }

  @Override
  public void close() {
    if (CURRENT.get() == this) {
      CURRENT.remove();
    }
  }
}
