/** A {@link com.campaignengine.mail.MailTransport} that sends through an SMTP relay or mailbox. */
package com.campaignengine.mail.smtp;
