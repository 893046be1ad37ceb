/**
 * Pure classifiers of inbound mail: raw parsing into an {@code InboundMessage}, auto-replies,
 * out-of-office and bounces. Depends on nothing of the pipeline that calls it.
 */
package com.campaignengine.inbound.classify;
