/**
 * campaign-engine: the entry point {@link com.campaignengine.Main}; a node is built in {@code
 * node}.
 */
package com.campaignengine;
