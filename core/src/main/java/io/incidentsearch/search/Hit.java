package io.incidentsearch.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One search hit.
 *
 * @param key the record key, e.g. {@code incident:2750}
 * @param id the FAIL id
 * @param type {@code incident} or {@code article}
 * @param title the title
 * @param published the published date, or null
 * @param score the relevance score (1.0 for every hit of an empty query)
 * @param taxonomy category key to options, in category order; {@code missing} where the source says
 *     nothing (an article carries its citing incidents' options)
 * @param snippets passages showing why it matched, in the order of the text fields (title first;
 *     see src/docs/DESIGN.md, "Index layout")
 */
public record Hit(
    String key,
    String id,
    String type,
    String title,
    LocalDate published,
    float score,
    Map<String, List<String>> taxonomy,
    List<Snippet> snippets) {}
