/** Repository interfaces: what the engine and the application services need from storage. */
package com.campaignengine.store;
