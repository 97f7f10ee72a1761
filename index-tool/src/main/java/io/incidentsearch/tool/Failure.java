package io.incidentsearch.tool;

import io.incidentsearch.index.IndexException;
import io.incidentsearch.search.QueryTimeoutException;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * How an exception ends a run: its exit code and the one line the user sees. User errors and index
 * problems say what to do; anything else is a bug to report.
 *
 * @param exitCode one of {@link ExitCodes}
 * @param message the line to print (without the command name)
 */
record Failure(int exitCode, String message) {

  /** The failure {@code ex} means; causes are looked through (e.g. an UncheckedIOException). */
  static Failure of(Throwable ex) {
    boolean writerClosed = false;
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException
          && t.getMessage() != null
          && t.getMessage().contains("No space left on device")) {
        return new Failure(
            ExitCodes.INDEX_PROBLEM,
            "no space left on the disk ("
                + t.getMessage()
                + "); an index being built keeps its last commit. Free some space and run"
                + " again: a build needs room for the new index and, while it runs, for its"
                + " parsed records (about half the archive's size)");
      }
      // Lucene closes a writer that failed writing and keeps the cause: say what it was.
      writerClosed |= t instanceof org.apache.lucene.store.AlreadyClosedException;
      if (writerClosed && t instanceof java.nio.file.NoSuchFileException gone) {
        return new Failure(
            ExitCodes.INDEX_PROBLEM,
            "a file of the index disappeared while it was being written ("
                + gone.getFile()
                + "): was the index folder deleted or moved by another program? The build"
                + " stopped; run it again");
      }
      if (t instanceof CommandFailure f) {
        return new Failure(f.exitCode(), f.getMessage());
      }
      if (t instanceof OutOfMemoryError) {
        return new Failure(
            ExitCodes.UNEXPECTED,
            "out of memory (this JVM may use at most "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MB of heap); an index being built keeps its last commit. Give the JVM more,"
                + " e.g. INDEX_TOOL_JAVA_OPTS=-Xmx4g, or use fewer --threads");
      }
      if (t instanceof QueryTimeoutException e) {
        return new Failure(ExitCodes.USAGE, e.getMessage());
      }
      if (t instanceof IndexException e) {
        return new Failure(ExitCodes.INDEX_PROBLEM, e.getMessage());
      }
      if (t instanceof LockObtainFailedException) {
        return new Failure(
            ExitCodes.INDEX_PROBLEM,
            "the index is locked by another build; wait for it to finish, then try again");
      }
      if (t instanceof CorruptIndexException
          || t instanceof java.io.EOFException // a truncated index file, read past its end
          || t instanceof IndexFormatTooOldException
          || t instanceof IndexFormatTooNewException) {
        return new Failure(
            ExitCodes.INDEX_PROBLEM,
            "the index is damaged or unreadable ("
                + t.getMessage()
                + "); run `index-tool check` to see what is wrong, then rebuild it with"
                + " `index-tool build --full`");
      }
    }
    return new Failure(ExitCodes.UNEXPECTED, "unexpected error: " + ex);
  }
}
