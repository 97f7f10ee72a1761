/**
 * The entry point: {@link io.incidentsearch.IncidentIndex} opens, builds, checks and searches an
 * incident-search index on disk.
 */
package io.incidentsearch;
