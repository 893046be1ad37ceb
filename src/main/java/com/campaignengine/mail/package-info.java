/**
 * The outbound mail port ({@link com.campaignengine.mail.MailTransport}), its message model and RFC
 * 5322 rendering.
 */
package com.campaignengine.mail;
