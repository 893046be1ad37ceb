/**
 * campaign-engine: wiring ({@link com.campaignengine.Main}, {@link
 * com.campaignengine.Application}).
 */
package com.campaignengine;
