package io.incidentsearch.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The sections of a FAIL postmortem, in page order. Each has the key used in the JSON Lines
 * interchange format, the label printed on a postmortem page, and the FAIL CSV column.
 */
public enum Section {
  /** When the failure happened and how it unfolded. */
  TIMELINE("timeline", "Timeline", "Time"),
  /** The systems, components and software that failed. */
  SYSTEM("system", "System", "System"),
  /** The organisations responsible for the failure. */
  RESPONSIBLE_ORGANIZATION("responsibleOrganization", "Responsible Organization", "ResponsibleOrg"),
  /** The organisations and people the failure affected. */
  IMPACTED_ORGANIZATION("impactedOrganization", "Impacted Organization", "ImpactedOrg"),
  /** The software causes of the failure. */
  SOFTWARE_CAUSES("softwareCauses", "Software Causes", "SEcauses"),
  /** The causes of the failure other than software. */
  NON_SOFTWARE_CAUSES("nonSoftwareCauses", "Non-software Causes", "NSEcauses"),
  /** What the failure did. */
  IMPACTS("impacts", "Impacts", "Impacts"),
  /** What could have prevented the failure (a page's {@code Mitigations} is read as this). */
  PREVENTIONS("preventions", "Preventions", "Preventions"),
  /** How the failure was or could be fixed. */
  FIXES("fixes", "Fixes", "Fixes"),
  /** The sources of the information (people, organisations, articles). */
  REFERENCES("references", "References", "References");

  private final String key;
  private final String label;
  private final String csvColumn;

  Section(String key, String label, String csvColumn) {
    this.key = key;
    this.label = label;
    this.csvColumn = csvColumn;
  }

  /**
   * The key in the JSON Lines schema, e.g. {@code softwareCauses}.
   *
   * @return the camel-case key
   */
  public String key() {
    return key;
  }

  /**
   * The label a postmortem page prints before the section text, e.g. {@code Software Causes}.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * The column of the FAIL incident CSV export that holds this section.
   *
   * @return the column name, e.g. {@code SEcauses}
   */
  public String csvColumn() {
    return csvColumn;
  }

  /**
   * The section whose JSON key is {@code key}, if any.
   *
   * @param key a key such as {@code softwareCauses}, compared exactly (case included)
   * @return the section, or empty when no section has that key
   */
  public static Optional<Section> byKey(String key) {
    for (Section s : values()) {
      if (s.key.equals(key)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * The section whose page label is {@code label} (case-insensitive), if any.
   *
   * @param label a label such as {@code Software Causes}; surrounding spaces are ignored; not null
   * @return the section, or empty when the label is no section's (aliases such as {@code
   *     Mitigations} are not known here)
   */
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
