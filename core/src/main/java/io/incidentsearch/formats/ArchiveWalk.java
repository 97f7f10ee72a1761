package io.incidentsearch.formats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The walk behind {@link ArchiveScanner#listFiles}: which files under the roots are candidates,
 * each once, sorted by path, with the problems met on the way (see {@link ArchiveScanner} for the
 * rules).
 */
final class ArchiveWalk {
  private static final Set<String> EXTENSIONS =
      Set.of("txt", "text", "csv", "jsonl", "ndjson", "json");
  private static final List<String> SILENT_PREFIXES =
      List.of("readme", "notice", "license", "copying");

  /**
   * The mutable state of one {@link ArchiveScanner#listFiles} call.
   *
   * <p>A file reached twice (through links, or roots that overlap) is listed once, from the path
   * reached first. Each real folder is walked once, so a file that is not itself a link has a
   * unique real path, its folder's real path plus its name, and needs no entry of its own: on an
   * archive of millions of files a set of every file's real path would cost more than the list
   * itself (and a {@code realpath} call per file). Only files that are links, and files given as
   * roots, have their real path looked up and kept; at the end each is checked against the plain
   * file of the same real path, if its folder was walked.
   */
  private static final class Walk {
    /** The files in walk order; a copy found to be reached later is set to null. */
    final List<Path> files = new ArrayList<>();

    final List<Problem> problems = new ArrayList<>();

    /** The real path of each folder walked, with the path it was reached by. */
    final Map<Path, Path> walkedDirs = new HashMap<>();

    /** The real path of each file that is a link or a root, with its index in {@link #files}. */
    final Map<Path, Integer> linkedFiles = new HashMap<>();

    int skipped;

    void directory(Path dir, Set<Path> ancestors) {
      Path real;
      try {
        real = dir.toRealPath();
      } catch (IOException e) {
        problems.add(Problem.error(dir, "cannot read folder: " + ArchiveScanner.reason(e)));
        return;
      }
      if (ancestors.contains(real)) {
        problems.add(
            Problem.warning(
                dir,
                "symbolic link loop: this folder is "
                    + real
                    + ", which is already being read; not followed again"));
        return;
      }
      if (walkedDirs.putIfAbsent(real, dir) != null) {
        return; // reached before through another link: its files are listed already
      }
      List<Path> entries = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        stream.forEach(entries::add);
      } catch (IOException | UncheckedIOException e) {
        IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
        problems.add(Problem.error(dir, "cannot read folder: " + ArchiveScanner.reason(io)));
        return;
      }
      entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
      ancestors.add(real);
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        // One lstat tells a plain file or folder; only a link (or an entry that vanished) needs
        // its target looked at, exactly as Files.isDirectory would.
        BasicFileAttributes own = ownAttributes(entry);
        boolean link = own == null || own.isSymbolicLink();
        if (link ? Files.isDirectory(entry) : own.isDirectory()) {
          directory(entry, ancestors);
        } else if (isSilentlyIgnored(name)) {
          continue;
        } else if (!isCandidateName(name)) {
          skipped++;
        } else if (link) {
          addFile(entry);
        } else {
          files.add(entry); // real path: real.resolve(name), unique as real is walked once
        }
      }
      ancestors.remove(real);
    }

    /** Adds a file that is a link or a root, unless its real path was listed already. */
    void addFile(Path file) {
      Path key;
      try {
        key = file.toRealPath();
      } catch (IOException e) {
        key = file.toAbsolutePath().normalize(); // broken link: parse() will say so
      }
      if (linkedFiles.putIfAbsent(key, files.size()) == null) {
        files.add(file);
      }
    }

    /** The files, each once, sorted. */
    List<Path> sortedFiles() {
      if (!linkedFiles.isEmpty()) {
        dropPlainCopiesReachedLater();
      }
      files.removeIf(Objects::isNull);
      files.sort(Comparator.naturalOrder());
      return files;
    }

    /**
     * Where a link or root file is also listed as a plain file (its real path is in a walked
     * folder), drops whichever of the two was reached later.
     */
    private void dropPlainCopiesReachedLater() {
      Map<Path, Integer> plainPaths = new HashMap<>();
      linkedFiles.forEach(
          (real, index) -> {
            Path folder = real.getParent();
            Path name = real.getFileName();
            Path reachedAs = folder == null || name == null ? null : walkedDirs.get(folder);
            if (reachedAs != null) {
              plainPaths.put(reachedAs.resolve(name), index); // the path the walk gave it
            }
          });
      if (plainPaths.isEmpty()) {
        return;
      }
      for (int i = 0; i < files.size(); i++) {
        Integer linked = plainPaths.get(files.get(i));
        if (linked != null && linked != i) {
          files.set(Math.max(i, linked), null);
        }
      }
    }

    /** The entry's own attributes (a link's, not its target's), or null if unreadable. */
    private static BasicFileAttributes ownAttributes(Path entry) {
      try {
        return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        return null;
      }
    }
  }

  private static boolean isSilentlyIgnored(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SILENT_PREFIXES.stream().anyMatch(lower::startsWith);
  }

  private static boolean isCandidateName(String name) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 || EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  static String linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return "(unknown)";
    }
  }

  private ArchiveWalk() {}

  static Discovery listFiles(List<Path> roots) {
    Walk walk = new Walk();
    for (Path root : roots) {
      Objects.requireNonNull(root, "root");
      if (Files.isDirectory(root)) {
        walk.directory(root, new HashSet<>());
      } else if (Files.exists(root) || Files.isSymbolicLink(root)) {
        // A file named explicitly is wanted, whatever its name; a broken link is reported
        // by parse().
        walk.addFile(root);
      } else {
        walk.problems.add(Problem.error(root, "no such file or folder"));
      }
    }
    return new Discovery(walk.sortedFiles(), walk.problems, walk.skipped);
  }
}
