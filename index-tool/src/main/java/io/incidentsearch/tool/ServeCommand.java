package io.incidentsearch.tool;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code index-tool serve}: the JSON API and the web page over one index (src/docs/SERVER.md). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves an index over HTTP: a web page at / to search it with facets and read records,"
          + " and a JSON API (/api/search, /api/records/ID, /api/export, ...; /api/openapi.json"
          + " describes it). Never changes the index; picks up the commits of a build running"
          + " beside it. Stops on Ctrl-C or SIGTERM after the requests in flight.",
      "Listens on 127.0.0.1 unless --bind says otherwise; any other address needs --token-file"
          + " (clients send 'Authorization: Bearer TOKEN') or --public."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool serve --index idx                      then open http://127.0.0.1:8080/",
      "  curl 'http://127.0.0.1:8080/api/search?q=phone+numbers&facets=true'",
      "  index-tool serve --bind 0.0.0.0 --token-file token.txt",
      "",
      "Exit codes: 0 stopped; 2 usage error (a refused address, a bad token file, a port in use);"
          + " 1 unexpected failure."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand IndexTool top;
  @Mixin IndexOption index;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "The TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String bind;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "A file whose first line is the token every API request must send as 'Authorization:"
              + " Bearer TOKEN'.")
  Path tokenFile;

  @Option(
      names = "--public",
      description =
          "Serve on a non-loopback address without a token: anyone who reaches it can read.")
  boolean publicAccess;

  @Option(
      names = "--cors",
      paramLabel = "ORIGIN",
      description = "Allow cross-origin GET requests from ORIGIN (e.g. https://example.org).")
  String cors;

  @Option(
      names = "--max-searches",
      paramLabel = "N",
      description =
          "Searches running at once (default: 2 x the processors, at most 16); more wait for"
              + " their turn.")
  Integer maxSearches;

  @Option(
      names = "--max-queued",
      paramLabel = "N",
      description =
          "Searches waiting for their turn (default: "
              + ApiServer.DEFAULT_QUEUED
              + "); one more gets 503 with Retry-After at once.")
  Integer maxQueued;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "The query time limit of every search (default: 5); beyond it 504.")
  Double timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
    }
    if (maxSearches != null && maxSearches < 1) {
      throw new ParameterException(spec.commandLine(), "--max-searches must be 1 or more");
    }
    if (timeoutSeconds != null && (!(timeoutSeconds > 0) || timeoutSeconds > 3600)) {
      throw new ParameterException(
          spec.commandLine(), "--timeout must be more than 0 and at most 3600 seconds");
    }
    if (cors != null && !cors.matches("https?://[^/\\s]+")) {
      throw new ParameterException(
          spec.commandLine(),
          "--cors takes one origin: scheme and host (and port), e.g. https://example.org");
    }
    PrintWriter err = spec.commandLine().getErr();
    ApiServer.Config config =
        ApiServer.Config.loopback(index.resolve(top.environment))
            .withBind(bind)
            .withPort(port)
            .withToken(tokenFile == null ? null : readToken(tokenFile))
            .withPublicAccess(publicAccess)
            .withCors(cors)
            .withAccessLog(
                line -> {
                  synchronized (err) {
                    err.println(line);
                    err.flush();
                  }
                });
    try {
      // Set together: Config checks their sum, with the default of whichever is not given.
      config =
          config.withSearchLimits(
              maxSearches != null ? maxSearches : config.maxSearches(),
              maxQueued != null ? maxQueued : config.maxQueued());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--max-queued must be 0 or more, and --max-searches + --max-queued at most "
              + ApiServer.MAX_THREADS / 2
              + " (--max-queued is "
              + ApiServer.DEFAULT_QUEUED
              + " unless given)");
    }
    if (timeoutSeconds != null) {
      config =
          config.withTimeout(Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000))));
    }
    ApiServer server;
    try {
      server = ApiServer.start(config);
    } catch (ApiServer.RefusedException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
    } catch (IOException e) {
      throw new CommandFailure(
          ExitCodes.USAGE, e.getMessage() + " (another --port, or stop what uses it)", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    Path served = config.index().toAbsolutePath().normalize();
    out.println(
        "serving "
            + served
            + (Files.isDirectory(served)
                ? ""
                : " (no index there yet: 503 until a build makes one)")
            + " at "
            + server.uri()
            + (config.token() == null ? "" : " (API needs the token)")
            + "; Ctrl-C stops");
    out.flush();
    Thread stopper =
        new Thread(
            () -> {
              try {
                server.close();
              } catch (IOException e) {
                err.println("index-tool serve: " + e.getMessage());
                err.flush();
              }
            },
            "serve-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    server.join();
    return ExitCodes.OK;
  }

  /** The token: the file's first line, which must not be empty. */
  private String readToken(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "--token-file: cannot read " + file + ": " + e.getMessage());
    }
    String token = lines.isEmpty() ? "" : lines.get(0).strip();
    if (token.length() < 16) {
      throw new ParameterException(
          spec.commandLine(),
          "--token-file: the first line of "
              + file
              + " must hold a token of 16 characters or more (e.g. from `openssl rand -hex 32`)");
    }
    return token;
  }
}
