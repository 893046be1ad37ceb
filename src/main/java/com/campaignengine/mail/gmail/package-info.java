/** A {@link com.campaignengine.mail.MailTransport} that sends through the Gmail API with OAuth2. */
package com.campaignengine.mail.gmail;
