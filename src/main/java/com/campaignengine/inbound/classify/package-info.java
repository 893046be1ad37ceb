/** Pure classifiers of inbound mail: raw parsing, auto-replies, out-of-office and bounces. */
package com.campaignengine.inbound.classify;
