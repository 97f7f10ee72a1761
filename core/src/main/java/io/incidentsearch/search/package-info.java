/**
 * Searching: the request (query, filters, sort, paging, limits), the result with its hits, snippets
 * and facet counts, similar incidents, completions, score explanations, and the exceptions a query
 * can raise.
 */
package io.incidentsearch.search;
