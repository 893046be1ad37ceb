/**
 * Open, click and unsubscribe tracking: the public link base, tokens, link rewriting, webhook
 * signatures, headers.
 */
package com.campaignengine.tracking;
