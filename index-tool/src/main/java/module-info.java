/**
 * index-tool: the command line and HTTP server of incident-search. It reaches the library only
 * through what {@code io.incidentsearch.core} exports.
 */
module io.incidentsearch.tool {
  requires io.incidentsearch.core;
  requires info.picocli;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.databind;
  requires org.apache.commons.csv;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.http;
  requires org.eclipse.jetty.io;
  requires org.eclipse.jetty.util;
  // Lucene's exceptions name index damage and locks (Failure); bench's plain-Lucene baseline.
  requires org.apache.lucene.core;
  requires org.apache.lucene.facet;
  requires org.apache.lucene.queryparser;
  requires org.apache.lucene.queries;
  // The bench's latency histograms; an automatic module named after its jar (it declares none).
  requires HdrHistogram;
  requires java.logging;
  requires java.management;
  requires java.net.http;

  // picocli sets the commands' option fields, Jackson reads the JSON shapes' records.
  opens io.incidentsearch.tool to
      info.picocli,
      com.fasterxml.jackson.databind;
  opens io.incidentsearch.tool.generate to
      info.picocli;
  opens io.incidentsearch.tool.bench to
      info.picocli,
      com.fasterxml.jackson.databind;
}
