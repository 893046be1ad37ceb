/** The execution engine: claim due executions, run their steps, complete and schedule the next. */
package com.campaignengine.engine;
