/** Reads new inbound mail from a sender's own mailbox over IMAP, with IDLE where supported. */
package com.campaignengine.inbound.imap;
