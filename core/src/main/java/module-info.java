/**
 * incident-search: full-text and faceted search over software-failure incident postmortems and the
 * articles they cite, on Apache Lucene.
 *
 * <p>{@link io.incidentsearch.IncidentIndex} is the entry point: it builds an index from archive
 * folders and searches it. The exported packages hold its options, results and errors, the record
 * model, the archive readers and the evaluation against relevance judgments. How records become
 * Lucene documents and how queries are run is internal and may change between versions.
 */
module io.incidentsearch.core {
  // No exported signature shows a type of these modules, so none is required transitively.
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires org.apache.lucene.queryparser;
  requires org.apache.lucene.queries;
  requires org.apache.lucene.facet;
  requires org.apache.lucene.highlighter;
  requires org.apache.lucene.suggest;
  requires com.fasterxml.jackson.core;
  requires org.apache.commons.csv;

  exports io.incidentsearch;
  exports io.incidentsearch.index;
  exports io.incidentsearch.model;
  exports io.incidentsearch.search;
  exports io.incidentsearch.formats;
  exports io.incidentsearch.eval;
}
