package io.incidentsearch.tool.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every part of one run shares: its options, the query set, the progress log and the notes the
 * report prints.
 */
record RunContext(
    Bench.Options options, List<BenchQuery> queries, Consumer<String> log, List<String> notes) {

  RunContext(Bench.Options options, List<BenchQuery> queries, Consumer<String> log) {
    this(options, List.copyOf(queries), log, new ArrayList<>());
  }

  /** The thread counts builds and queries are measured with: 1 and N. */
  List<Integer> threadCounts() {
    return options.threads() == 1 ? List.of(1) : List.of(1, options.threads());
  }
}
