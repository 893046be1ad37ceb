package com.campaignengine.failure;

/**
 * The base of every unchecked exception of ours. Its kinds say what went wrong, not where: {@link
 * NotFoundException}, {@link ConflictException}, {@link ValidationException} and {@link
 * ProviderException}; other subclasses (a store failure, an illegal lifecycle move, an HTTP
 * refusal) extend it directly. The HTTP API maps the kinds to status codes in one place.
 *
 * <p>Checked exceptions that a direct caller always turns into a value (a template error, a failed
 * AI call) stay checked and outside this hierarchy.
 */
public abstract class CampaignEngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected CampaignEngineException(String message) {
    super(message);
  }

  protected CampaignEngineException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * For refusals that are answers rather than defects: {@code writableStackTrace} false skips the
   * cost of a stack trace nobody reads.
   */
  protected CampaignEngineException(
      String message, Throwable cause, boolean enableSuppression, boolean writableStackTrace) {
    super(message, cause, enableSuppression, writableStackTrace);
  }
}
