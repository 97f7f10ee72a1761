package io.incidentsearch.tool;

/** Entry point of the index-tool command. */
public final class IndexTool {
  private IndexTool() {}

  /** Runs the command and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(0);
  }
}
