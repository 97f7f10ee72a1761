/**
 * The records an index holds: incidents and the articles they cite, their sections and their
 * failure taxonomy (categories, options and rationales).
 */
package io.incidentsearch.model;
