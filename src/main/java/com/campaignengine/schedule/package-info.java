/** Sending windows and business time: when a step may run, in the person's time zone. */
package com.campaignengine.schedule;
