package io.incidentsearch.tool;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run may know about where it runs: environment variables, whether standard output and
 * standard error are terminals (bold marks, progress bars), and the terminal's width. Tests pass
 * their own; {@link #system()} looks at the real process.
 *
 * @param variables the environment variables
 * @param stdoutTerminal whether standard output is a terminal
 * @param stderrTerminal whether standard error is a terminal
 * @param width columns available for human output
 */
record Environment(
    Map<String, String> variables, boolean stdoutTerminal, boolean stderrTerminal, int width) {

  /** Set to {@code 1} (or anything but {@code 0}) to print stack traces of unexpected failures. */
  static final String DEBUG = "INDEX_TOOL_DEBUG";

  /** The default index folder when {@code --index} is not given. */
  static final String INDEX = "INCIDENT_INDEX";

  Environment {
    variables = Map.copyOf(variables);
  }

  /** No terminal, 100 columns, the given variables. */
  static Environment plain(Map<String, String> variables) {
    return new Environment(variables, false, false, 100);
  }

  /** The real process. */
  static Environment system() {
    Map<String, String> vars = System.getenv();
    boolean console = consoleIsTerminal();
    boolean out = isTerminal(1, console);
    boolean err = isTerminal(2, console);
    int width = 100;
    try {
      width = Math.max(40, Integer.parseInt(vars.getOrDefault("COLUMNS", "100").strip()));
    } catch (NumberFormatException e) {
      // keep the default
    }
    return new Environment(vars, out, err, width);
  }

  /** Whether stack traces are wanted. */
  boolean debug() {
    String v = variables.get(DEBUG);
    return v != null && !v.isBlank() && !v.strip().equals("0");
  }

  /** Whether ANSI styles may be written to standard output (a terminal, and no NO_COLOR). */
  boolean ansiOut() {
    return stdoutTerminal
        && !variables.containsKey("NO_COLOR")
        && !"dumb".equals(variables.get("TERM"));
  }

  /**
   * Whether file descriptor {@code fd} is a terminal. On Linux {@code /proc/self/fd} says so for
   * each stream separately; elsewhere {@code System.console()} (which needs stdin and stdout to be
   * terminals) is the best guess.
   */
  private static boolean isTerminal(int fd, boolean console) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      if (Files.isSymbolicLink(link)) {
        String target = Files.readSymbolicLink(link).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      // fall back to the console
    }
    return console;
  }

  /**
   * {@code System.console() != null}; on JDK 22+ a console exists even when redirected, and its
   * {@code isTerminal()} (not in the Java 21 API, hence reflection) tells the truth.
   */
  private static boolean consoleIsTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(c);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }
}
