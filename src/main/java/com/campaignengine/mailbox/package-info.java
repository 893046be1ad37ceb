/**
 * How the adapters reach a mailbox's servers, shared by those that send ({@code mail.smtp}, {@code
 * mail.gmail}) and those that read ({@code inbound.imap}, {@code inbound.gmail}): typed SMTP, IMAP
 * and Gmail settings, and the bridge that lets Google's auth library use our HTTP client. Depends
 * on nothing of ours.
 */
package com.campaignengine.mailbox;
