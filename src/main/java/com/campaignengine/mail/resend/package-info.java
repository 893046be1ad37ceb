/** A {@link com.campaignengine.mail.MailTransport} for Resend's HTTP API (api.resend.com). */
package com.campaignengine.mail.resend;
