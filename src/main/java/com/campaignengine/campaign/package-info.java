/**
 * Domain records and lifecycles of campaigns, steps, people and enrollments; depends on nothing of
 * ours but the exception hierarchy ({@code failure}).
 */
package com.campaignengine.campaign;
