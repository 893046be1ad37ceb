/** Checking and rendering of the Handlebars subject and body templates of campaign steps. */
package com.campaignengine.template;
