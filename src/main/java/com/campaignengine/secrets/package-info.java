/** Secrets at rest: AES-GCM sealing of provider credentials with the node's key. */
package com.campaignengine.secrets;
