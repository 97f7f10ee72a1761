package io.incidentsearch.tool.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The file work of the benchmark: sizes, mirrors, samples and the scratch folder's clean-up. */
final class BenchFiles {
  private BenchFiles() {}

  /** At most {@code n} items spread evenly over {@code items}, in order. */
  static <T> List<T> evenly(List<T> items, int n) {
    if (items.size() <= n) {
      return List.copyOf(items);
    }
    List<T> out = new ArrayList<>(n);
    double step = (double) items.size() / n;
    for (int i = 0; i < n; i++) {
      out.add(items.get((int) (i * step)));
    }
    return out;
  }

  /** The file name in lower case. */
  static String lower(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  static long totalBytes(List<Path> files) throws IOException {
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    return bytes;
  }

  /** The total size of the files under {@code dir}. */
  static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  /** The {@code prefix}N folder of {@code dir} with the largest N, or null. */
  static Path lastIndex(Path dir, String prefix) throws IOException {
    Path best = null;
    int bestN = -1;
    try (var children = Files.list(dir)) {
      for (Path p : children.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(prefix) && Files.isDirectory(p)) {
          try {
            int n = Integer.parseInt(name.substring(prefix.length()));
            if (n > bestN) {
              bestN = n;
              best = p;
            }
          } catch (NumberFormatException e) {
            // not one of ours
          }
        }
      }
    }
    return best;
  }

  /** Mirrors {@code from} into {@code to} with hard links, copying where links fail. */
  static void mirror(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(file).toString());
            try {
              Files.createLink(target, file);
            } catch (IOException | UnsupportedOperationException e) {
              Files.copy(file, target);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes {@code dir} and everything under it. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
