package io.incidentsearch.tool.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Measures searches over HTTP ({@code index-tool serve}) next to the same searches in process, on
 * an index the benchmark built or reused. Implemented where the server lives; the benchmark only
 * calls it and reports what it measured.
 */
public interface HttpProbe {
  /**
   * Runs the loads.
   *
   * @param index the index to serve
   * @param queries the query set
   * @param log receives progress lines
   * @return one figure per number of concurrent clients
   */
  List<BenchResult.HttpFigure> measure(Path index, List<BenchQuery> queries, Consumer<String> log)
      throws IOException;
}
