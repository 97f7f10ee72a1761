package io.incidentsearch.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's compact file list: order, relative paths, lookup and hashes. */
class FileTableTest {
  @TempDir Path tmp;

  @Test
  void sortsByPathKeepsTheFirstRootsRelativePathAndFindsEveryFile() throws IOException {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path sub = Files.createDirectories(a.resolve("sub"));
    Path single = Files.writeString(tmp.resolve("single.txt"), "x");
    // Names chosen so that byte order and "folder first" order differ: "sub.txt" < "sub/...".
    List<Path> files =
        List.of(
            sub.resolve("z.txt"),
            a.resolve("sub.txt"),
            a.resolve("b.txt"),
            sub.resolve("a b.txt"),
            a.resolve("\u00e9t\u00e9.txt"));
    List<FileTable.Found> found = new ArrayList<>();
    // Root 0 is a/sub, root 1 is a (which lists a/sub's files again), root 2 a single file.
    for (Path f : files) {
      if (f.startsWith(sub)) {
        found.add(new FileTable.Found(f, 0));
      }
      found.add(new FileTable.Found(f, 1));
    }
    found.add(new FileTable.Found(single, 2));
    FileTable table = FileTable.of(List.of(sub, a, single), found);

    List<Path> expected = new ArrayList<>(files);
    expected.add(single);
    expected.sort(null);
    assertEquals(expected.size(), table.size());
    for (int i = 0; i < table.size(); i++) {
      assertEquals(expected.get(i), table.path(i));
      assertEquals(i, table.find(expected.get(i)));
      assertEquals(i, table.find(new BytesRef(expected.get(i).toString())));
    }
    // The first root listing a file gives its relative path.
    assertEquals("z.txt", table.relative(table.find(sub.resolve("z.txt"))));
    assertEquals("sub.txt", table.relative(table.find(a.resolve("sub.txt"))));
    assertEquals("\u00e9t\u00e9.txt", table.relative(table.find(a.resolve("\u00e9t\u00e9.txt"))));
    assertEquals("single.txt", table.relative(table.find(single)));

    // Not listed: a prefix of a listed path, a longer one, a folder, something sorting last.
    assertEquals(-1, table.find(a.resolve("b.tx")));
    assertEquals(-1, table.find(a.resolve("b.txt.bak")));
    assertEquals(-1, table.find(sub));
    assertEquals(-1, table.find(tmp.resolve("zzz")));
    assertEquals(-1, table.find(Path.of("/")));
  }

  @Test
  void keepsHashesPerFile() {
    Path f = tmp.resolve("f.txt");
    Path g = tmp.resolve("g.txt");
    FileTable table =
        FileTable.of(
            List.of(tmp),
            new ArrayList<>(List.of(new FileTable.Found(g, 0), new FileTable.Found(f, 0))));
    String hash = "00ff" + "ab".repeat(30);
    assertNull(table.hash(0));
    table.setHash(1, hash);
    assertEquals(hash, table.hash(1));
    assertNull(table.hash(0));
    table.setHash(1, null);
    assertNull(table.hash(1));
  }
}
