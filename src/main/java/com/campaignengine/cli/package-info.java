/** The command line: serve, demo and bench (picocli). */
package com.campaignengine.cli;
