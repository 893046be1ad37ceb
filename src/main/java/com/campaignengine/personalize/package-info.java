/** LLM rewriting of rendered email drafts (Gemini, OpenAI-compatible) with output checks. */
package com.campaignengine.personalize;
