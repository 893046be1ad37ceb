/** A Microsoft 365 mailbox's Inbox read through Microsoft Graph's delta query. */
package com.campaignengine.inbound.microsoft;
