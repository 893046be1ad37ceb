/** The project's performance instrument: enroll N people, run them to completion, report rates. */
package com.campaignengine.bench;
