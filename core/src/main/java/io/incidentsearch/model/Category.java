package io.incidentsearch.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The categories of the FAIL fault taxonomy, with the options FAIL defines for each.
 *
 * <p>The three IoT layers ({@link #PERCEPTION}, {@link #COMMUNICATION}, {@link #APPLICATION})
 * refine the cyber-physical classification {@link #CPS}; {@link #parent()} says so.
 *
 * <p>Options are normalised by {@link #normalizeOption(String)}: lower case, runs of spaces as
 * {@code _}, and older FAIL vocabulary mapped onto the current term where the meaning is the same.
 * An option that no table knows is kept in its normalised form, never dropped.
 */
public enum Category {
  /** Whether the failure has happened before, in the same organisation or in others. */
  RECURRING(
      "recurring", "Recurring", List.of("one_organization", "multiple_organization", "unknown")),
  /** Whether the fault was introduced in the system's design or during its operation. */
  PHASE("phase", "Phase", List.of("design", "operation", "unknown")),
  /** Whether the fault originated within the system or outside it. */
  BOUNDARY("boundary", "Boundary", List.of("within_system", "outside_system", "unknown")),
  /** Whether the fault came from human actions or from non-human ones. */
  NATURE("nature", "Nature", List.of("human_actions", "non-human_actions", "unknown")),
  /** Whether the fault lies in hardware or in software. */
  DIMENSION("dimension", "Dimension", List.of("hardware", "software", "unknown")),
  /** Whether the fault was introduced to do harm (malicious) or not. */
  OBJECTIVE("objective", "Objective", List.of("malicious", "non-malicious", "unknown")),
  /** Whether the fault came from poor decisions or from accidental ones. */
  INTENT("intent", "Intent", List.of("poor_decisions", "accidental_decisions", "unknown")),
  /** Whether the fault came from development incompetence or was accidental. */
  CAPABILITY(
      "capability", "Capability", List.of("development_incompetence", "accidental", "unknown")),
  /** Whether the failure was permanent, temporary or intermittent. */
  DURATION("duration", "Duration", List.of("permanent", "temporary", "intermittent", "unknown")),
  /** How the system failed: crash, omission, timing, wrong value, byzantine, or otherwise. */
  BEHAVIOUR(
      "behaviour",
      "Behaviour",
      List.of("crash", "omission", "timing", "value", "byzantine", "other", "unknown")),
  /** The industry the failed system served (information, transportation, finance, ...). */
  DOMAIN(
      "domain",
      "Domain",
      List.of(
          "information",
          "transportation",
          "natural_resources",
          "sales",
          "construction",
          "manufacturing",
          "utilities",
          "finance",
          "knowledge",
          "health",
          "entertainment",
          "government",
          "other",
          "unknown")),
  /**
   * What the failure led to, from death and harm to delay, or no or only theoretical consequence.
   */
  CONSEQUENCE(
      "consequence",
      "Consequence",
      List.of(
          "death",
          "harm",
          "basic",
          "property",
          "delay",
          "non-human",
          "no_consequence",
          "theoretical_consequence",
          "other",
          "unknown")),
  /** Whether the failed system is cyber-physical; the three IoT layers refine it. */
  CPS("cps", "CPS", List.of("cps", "unknown")),
  /**
   * The IoT perception layer involved: sensor, actuator, processing unit, network communication or
   * embedded software.
   */
  PERCEPTION(
      "perception",
      "Perception",
      List.of(
          "sensor",
          "actuator",
          "processing_unit",
          "network_communication",
          "embedded_software",
          "unknown")),
  /** The IoT communication layer involved: link level or connectivity level. */
  COMMUNICATION(
      "communication", "Communication", List.of("link_level", "connectivity_level", "unknown")),
  /** Whether the IoT application layer (bugs, operating system errors, misuse) was involved. */
  APPLICATION("application", "Application", List.of("application", "unknown"));

  /**
   * Older FAIL vocabulary (already normalised) mapped to the current term with the same meaning.
   * Terms whose meaning has no current equivalent ({@link #LEGACY_TERMS}: {@code both}, {@code
   * neither}, ...) are not here and are kept as they are.
   */
  private static final Map<String, String> LEGACY =
      Map.ofEntries(
          Map.entry("within_the_same_impacted_entity", "one_organization"),
          Map.entry("at_other_entity(s)", "multiple_organization"),
          Map.entry("at_other_entities", "multiple_organization"),
          Map.entry("sensors", "sensor"),
          Map.entry("actuators", "actuator"),
          Map.entry("incorrect_value", "value"),
          Map.entry("byzantine_fault", "byzantine"),
          Map.entry("within_the_system", "within_system"),
          Map.entry("outside_the_system", "outside_system"),
          Map.entry("system_design", "design"),
          Map.entry("non_human_actions", "non-human_actions"),
          Map.entry("non-human_action", "non-human_actions"),
          Map.entry("human_action", "human_actions"),
          Map.entry("non_malicious", "non-malicious"),
          Map.entry("wired/wireless_link_level", "link_level"),
          Map.entry("non_human", "non-human"));

  /**
   * Options of FAIL's older vocabulary that have no current equivalent and are kept as they are:
   * {@code both} and {@code neither} (most categories), {@code deliberate} (intent), {@code
   * multiple} (domain), and {@code true}/{@code false}, which older exports use for the IoT layers
   * and the CPS question. They are values, distinct from a missing classification.
   */
  public static final List<String> LEGACY_TERMS =
      List.of("both", "neither", "deliberate", "multiple", "true", "false");

  /** Older multi-word terms as they appear on pages, so a reader can recognise them in text. */
  public static final List<String> LEGACY_MULTI_WORD_TERMS =
      List.of(
          "within the same impacted entity",
          "at other entity(s)",
          "at other entities",
          "incorrect value",
          "byzantine fault",
          "outside the system",
          "within the system",
          "system design",
          "non human actions",
          "non human",
          "connectivity level",
          "wired/wireless link level",
          "embedded software",
          "consumer device",
          "natural resources",
          "human actions",
          "link level",
          "processing unit",
          "network communication");

  private final String key;
  private final String label;
  private final String lowerLabel;
  private final List<String> knownOptions;

  Category(String key, String label, List<String> knownOptions) {
    this.key = key;
    this.label = label;
    this.lowerLabel = label.toLowerCase(Locale.ROOT);
    this.knownOptions = List.copyOf(knownOptions);
  }

  /**
   * The key in the JSON Lines schema and the facet dimension name, e.g. {@code phase}.
   *
   * @return the lower-case key
   */
  public String key() {
    return key;
  }

  /**
   * The label as printed on pages before any parenthesised hint, e.g. {@code Phase}.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * The options FAIL defines for this category, in FAIL's order.
   *
   * @return the normalised options, {@code unknown} last; unmodifiable
   */
  public List<String> knownOptions() {
    return knownOptions;
  }

  /**
   * Whether {@code normalizedOption} belongs to FAIL's vocabulary for this category: one of {@link
   * #knownOptions()} or one of the older {@link #LEGACY_TERMS}.
   *
   * @param normalizedOption an option as {@link #normalizeOption} gives it (compared exactly)
   * @return true when the option is in FAIL's vocabulary
   */
  public boolean isKnownOption(String normalizedOption) {
    return knownOptions.contains(normalizedOption) || LEGACY_TERMS.contains(normalizedOption);
  }

  /**
   * The category this one refines ({@link #CPS} for the IoT layers), if any.
   *
   * @return {@link #CPS} for an IoT layer, else empty
   */
  public Optional<Category> parent() {
    return switch (this) {
      case PERCEPTION, COMMUNICATION, APPLICATION -> Optional.of(CPS);
      default -> Optional.empty();
    };
  }

  /**
   * Whether this category is one of the three IoT layers.
   *
   * @return true for {@link #PERCEPTION}, {@link #COMMUNICATION} and {@link #APPLICATION}
   */
  public boolean isIotLayer() {
    return parent().isPresent();
  }

  /**
   * The category with JSON key {@code key} (case-insensitive), if any.
   *
   * @param key a key such as {@code phase}; surrounding spaces are ignored; not null
   * @return the category, or empty when no category has that key
   */
  public static Optional<Category> byKey(String key) {
    String wanted = key.trim().toLowerCase(Locale.ROOT);
    for (Category c : values()) {
      if (c.key.equals(wanted)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The category whose page label starts {@code label}: {@code Phase (Design/Operation)} and {@code
   * phase} both give {@link #PHASE}. {@code Behavior} is accepted for {@link #BEHAVIOUR}.
   *
   * @param label a label as printed on a page, case-insensitive, optionally followed by a
   *     parenthesised hint; not null
   * @return the category, or empty when the label is no category's
   */
  public static Optional<Category> byLabel(String label) {
    // Called for every line of a page that starts with a word: no copy of the line is made.
    String l = label.trim();
    int paren = l.indexOf('(');
    if (paren >= 0) {
      l = l.substring(0, paren).trim();
    }
    if (sameLabel("behavior", l)) {
      return Optional.of(BEHAVIOUR);
    }
    for (Category c : VALUES) {
      if (sameLabel(c.lowerLabel, l)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static final Category[] VALUES = values();

  /** Whether {@code text} lower-cased ({@link Locale#ROOT}) is {@code lower}, without a copy. */
  private static boolean sameLabel(String lower, String text) {
    if (text.length() != lower.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // Only ASCII letters lower-case to ASCII letters one for one, as labels are.
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      } else if (c == '\u212a') {
        c = 'k'; // KELVIN SIGN lower-cases to 'k'
      }
      if (c != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every option FAIL defines in any category, each once.
   *
   * @return a new set, in category order, then each category's order
   */
  public static Set<String> allKnownOptions() {
    Map<String, Boolean> all = new LinkedHashMap<>();
    for (Category c : values()) {
      c.knownOptions.forEach(o -> all.put(o, Boolean.TRUE));
    }
    return all.keySet();
  }

  /** Runs of whitespace in an option term; compiled once (this runs for every option cell). */
  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

  /**
   * Normalises an option term: trims, lower-cases, joins words with {@code _}, and maps older FAIL
   * vocabulary to the current term. Returns the empty string for a blank term.
   *
   * @param raw an option as a page, CSV cell or filter writes it, e.g. {@code Within the system};
   *     not null
   * @return the normalised option, e.g. {@code within_system}
   */
  public static String normalizeOption(String raw) {
    String s = WHITESPACE.matcher(raw.strip().toLowerCase(Locale.ROOT)).replaceAll("_");
    return LEGACY.getOrDefault(s, s);
  }
}
