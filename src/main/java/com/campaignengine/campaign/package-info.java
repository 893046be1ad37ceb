/**
 * Domain records and lifecycles of campaigns, steps, people and enrollments; depends on nothing of
 * ours.
 */
package com.campaignengine.campaign;
