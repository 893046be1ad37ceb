/**
 * A {@link com.campaignengine.mail.MailTransport} that sends as a Microsoft 365 mailbox through
 * Microsoft Graph with OAuth2.
 */
package com.campaignengine.mail.microsoft;
