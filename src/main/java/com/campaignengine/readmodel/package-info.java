/**
 * Read models: what the stores answer to queries and the API shows as is (pages, statistics,
 * enrollment views, dead letters, the outcome of a campaign edit). Plain records; depends only on
 * the domain, so the store, the application and the API may all share them.
 */
package com.campaignengine.readmodel;
