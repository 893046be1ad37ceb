/** Application services: the use cases the HTTP API, the CLI and the demo call. */
package com.campaignengine.app;
