/** The composition root: a node's settings, its wiring, its background duties and its lifecycle. */
package com.campaignengine.node;
