/**
 * Who is asking: the {@link com.campaignengine.access.Role roles} of a workspace and the {@link
 * com.campaignengine.access.Principal principal} a request is made by (a user, a user's API key or
 * a workspace's service key). Neutral: values only, used by the API, the use cases and the store.
 */
package com.campaignengine.access;
