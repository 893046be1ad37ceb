/** The PostgreSQL implementation of the stores: the only package that speaks JDBC and SQL. */
package com.campaignengine.store.postgres;
