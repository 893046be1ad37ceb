/** The demo: a realistic recruiting campaign run end to end on a simulated clock. */
package com.campaignengine.demo;
