/**
 * The one exception hierarchy: {@link com.campaignengine.failure.CampaignEngineException} and its
 * kinds (not found, conflict, validation, provider failure). Depends on nothing, so every layer may
 * throw and catch these.
 */
package com.campaignengine.failure;
