package io.incidentsearch.formats;

/** The archive file formats, detected from a file's content. */
public enum Format {
  /** A FAIL postmortem page ({@code Incident: <title>} ...). */
  POSTMORTEM_PAGE,
  /** A news article page, in the seed layout or the news-archive layout. */
  ARTICLE_PAGE,
  /** The FAIL incident CSV export ({@code incident_data.csv}). */
  FAIL_INCIDENT_CSV,
  /** The FAIL article CSV export ({@code article_state0.csv}). */
  FAIL_ARTICLE_CSV,
  /** This project's JSON Lines interchange format. */
  JSON_LINES
}
