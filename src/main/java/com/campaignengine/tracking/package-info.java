/** Open, click and unsubscribe tracking: tokens, link rewriting, webhook signatures, headers. */
package com.campaignengine.tracking;
