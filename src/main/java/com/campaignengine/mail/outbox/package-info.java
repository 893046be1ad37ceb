/**
 * A {@link com.campaignengine.mail.MailTransport} that writes each message as an .eml file into a
 * directory.
 */
package com.campaignengine.mail.outbox;
