/**
 * Reading archives: {@link io.incidentsearch.formats.ArchiveScanner} finds and parses postmortem
 * pages, article pages, FAIL CSV exports and JSON Lines files into records, reporting each file's
 * problems; {@link io.incidentsearch.formats.JsonLines} reads and writes records as JSON Lines.
 */
package io.incidentsearch.formats;
