package io.incidentsearch.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The sections of a FAIL postmortem, in page order. Each has the key used in the JSON Lines
 * interchange format, the label printed on a postmortem page, and the FAIL CSV column.
 */
public enum Section {
  TIMELINE("timeline", "Timeline", "Time"),
  SYSTEM("system", "System", "System"),
  RESPONSIBLE_ORGANIZATION("responsibleOrganization", "Responsible Organization", "ResponsibleOrg"),
  IMPACTED_ORGANIZATION("impactedOrganization", "Impacted Organization", "ImpactedOrg"),
  SOFTWARE_CAUSES("softwareCauses", "Software Causes", "SEcauses"),
  NON_SOFTWARE_CAUSES("nonSoftwareCauses", "Non-software Causes", "NSEcauses"),
  IMPACTS("impacts", "Impacts", "Impacts"),
  PREVENTIONS("preventions", "Preventions", "Preventions"),
  FIXES("fixes", "Fixes", "Fixes"),
  REFERENCES("references", "References", "References");

  private final String key;
  private final String label;
  private final String csvColumn;

  Section(String key, String label, String csvColumn) {
    this.key = key;
    this.label = label;
    this.csvColumn = csvColumn;
  }

  /** The key in the JSON Lines schema, e.g. {@code softwareCauses}. */
  public String key() {
    return key;
  }

  /** The label a postmortem page prints before the section text, e.g. {@code Software Causes}. */
  public String label() {
    return label;
  }

  /** The column of the FAIL incident CSV export that holds this section. */
  public String csvColumn() {
    return csvColumn;
  }

  /** The section whose JSON key is {@code key}, if any. */
  public static Optional<Section> byKey(String key) {
    for (Section s : values()) {
      if (s.key.equals(key)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The section whose page label is {@code label} (case-insensitive), if any. */
  public static Optional<Section> byLabel(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT);
    for (Section s : values()) {
      if (s.label.toLowerCase(Locale.ROOT).equals(wanted)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
