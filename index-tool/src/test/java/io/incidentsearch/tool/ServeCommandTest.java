package io.incidentsearch.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index-tool serve} as a user runs it: refusals, and a real process stopped by SIGTERM. */
class ServeCommandTest {
  @TempDir static Path dir;
  static Path index;

  @BeforeAll
  static void build() {
    index = dir.resolve("index");
    ToolRun b = ToolRun.run("build", "--index", index.toString(), ToolRun.archive().toString());
    assertEquals(0, b.exitCode(), b.toString());
  }

  @Test
  void refusesAnOpenAddressWithoutAToken() {
    ToolRun r =
        ToolRun.run("serve", "--index", index.toString(), "--port", "0", "--bind", "0.0.0.0");
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().contains("refusing to serve on 0.0.0.0 without a token"), r.err());
    assertTrue(r.err().contains("--token-file"), r.err());
  }

  @Test
  void refusesBadOptions() throws IOException {
    Path shortToken = Files.writeString(dir.resolve("short.txt"), "abc\n");
    String[][] cases = {
      {"--token-file", shortToken.toString(), "16 characters or more"},
      {"--token-file", dir.resolve("none.txt").toString(), "cannot read"},
      {"--port", "70000", "--port must be between 0 and 65535"},
      {"--cors", "*", "--cors takes one origin"},
      {"--max-searches", "0", "--max-searches must be 1 or more"},
      {"--timeout", "0", "--timeout must be more than 0"},
      {"--bind", "no.such.host.invalid", "unknown host"},
      // With the default 100 waiting, 100 running is over the 128 the threads allow.
      {"--max-searches", "100", "--max-searches + --max-queued at most 128"},
      {"--max-queued", "-1", "--max-queued must be 0 or more"},
    };
    for (String[] c : cases) {
      ToolRun r = ToolRun.run("serve", "--index", index.toString(), c[0], c[1]);
      assertEquals(ExitCodes.USAGE, r.exitCode(), String.join(" ", c) + "\n" + r);
      assertTrue(r.err().contains(c[2]), String.join(" ", c) + "\n" + r.err());
    }
  }

  @Test
  void searchLimitsAreCheckedAsAPair() {
    // 1 running + 127 waiting is within the 128 allowed, though the default running (2 x the
    // processors, at least 2) + 127 is not: the run gets past the limits and stops at the next
    // problem, the address.
    ToolRun r =
        ToolRun.run(
            "serve",
            "--index",
            index.toString(),
            "--max-searches",
            "1",
            "--max-queued",
            "127",
            "--bind",
            "no.such.host.invalid");
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().contains("unknown host"), r.err());
  }

  @Test
  void aPortInUseIsAUsageError() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      ToolRun r =
          ToolRun.run(
              "serve",
              "--index",
              index.toString(),
              "--port",
              Integer.toString(taken.getLocalPort()));
      assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
      assertTrue(r.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
    }
  }

  @Test
  void servesUntilSigterm() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(IndexTool.class.getName());
    command.addAll(List.of("serve", "--index", index.toString(), "--port", "0"));
    Process p =
        new ProcessBuilder(command).redirectError(dir.resolve("serve.err").toFile()).start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      Matcher m =
          Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)").matcher(String.valueOf(first));
      assertTrue(m.find(), "first line: " + first);
      assertTrue(first.startsWith("serving " + index.toAbsolutePath()), first);
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(m.group(1) + "api/health"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
      assertEquals(143, p.exitValue(), "128 + SIGTERM, after the shutdown hook ran");
      String err = Files.readString(dir.resolve("serve.err"));
      assertTrue(err.contains("GET /api/health 200"), err);
      assertTrue(!err.contains("Exception"), err);
    } finally {
      p.destroyForcibly();
    }
  }
}
