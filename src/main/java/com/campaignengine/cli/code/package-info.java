/**
 * Campaign-as-code: YAML or JSON files in the API's campaign schema, read with the line of every
 * field (so a server's refusal can point into the file), compared and written back.
 */
package com.campaignengine.cli.code;
