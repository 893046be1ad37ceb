/** Reads new inbound mail of a Gmail mailbox through the Gmail API's history, with OAuth2. */
package com.campaignengine.inbound.gmail;
