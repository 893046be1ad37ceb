/**
 * An in-process {@link com.campaignengine.mail.MailTransport} that only counts, for benchmarks and
 * tests.
 */
package com.campaignengine.mail.memory;
