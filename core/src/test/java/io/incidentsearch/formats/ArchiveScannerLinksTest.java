package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link ArchiveScanner#listFiles} lists a file reached more than once (symbolic links,
 * overlapping roots): once, from the path reached first in walk order (roots in the order given,
 * each folder's entries by name, depth first), whatever the final sort puts first.
 */
class ArchiveScannerLinksTest {
  @TempDir Path dir;

  private final ArchiveScanner scanner = new ArchiveScanner();

  private Path write(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, name, StandardCharsets.UTF_8);
  }

  /** A symbolic link {@code name} to {@code target}, both relative to the test folder. */
  private Path link(String name, String target) throws IOException {
    Path link = dir.resolve(name);
    Files.createDirectories(link.getParent());
    return Files.createSymbolicLink(link, dir.resolve(target));
  }

  private List<Path> paths(String... names) {
    return List.of(names).stream().map(dir::resolve).toList();
  }

  private Discovery list(String... roots) {
    Discovery found = scanner.listFiles(paths(roots));
    assertEquals(List.of(), found.problems());
    return found;
  }

  @Test
  void aFileLinkedTwiceIsListedOnceFromTheFirstLink() throws IOException {
    write("store/1.txt");
    link("archive/a.txt", "store/1.txt");
    link("archive/b.txt", "store/1.txt");
    assertEquals(paths("archive/a.txt"), list("archive").files());
    // Through a relative link too: the target, not the link text, decides.
    Files.createSymbolicLink(dir.resolve("archive/c.txt"), Path.of("../store/1.txt"));
    assertEquals(paths("archive/a.txt"), list("archive").files());
  }

  @Test
  void aLinkToAFileAlsoListedDirectlyKeepsThePathReachedFirst() throws IOException {
    write("pages/1.txt");
    write("pages/2.txt");
    link("links/1.txt", "pages/1.txt"); // walked before pages/
    link("zlinks/2.txt", "pages/2.txt"); // walked after pages/
    assertEquals(paths("links/1.txt", "pages/2.txt"), list("").files());
  }

  @Test
  void aLinkNextToItsTargetKeepsWhicheverNameComesFirst() throws IOException {
    write("pages/1.txt");
    write("pages/5.txt");
    link("pages/0.txt", "pages/1.txt"); // before its target in the folder
    link("pages/9.txt", "pages/5.txt"); // after its target
    Files.createSymbolicLink(dir.resolve("pages/7.txt"), Path.of("5.txt")); // relative
    assertEquals(paths("pages/0.txt", "pages/5.txt"), list("pages").files());
  }

  @Test
  void theFirstRootWinsEvenWhereTheSortPutsTheOtherCopyFirst() throws IOException {
    write("a/1.txt");
    write("a/2.txt");
    link("b/1.txt", "a/1.txt");
    Discovery found = list("b", "a");
    assertEquals(paths("a/2.txt", "b/1.txt"), found.files());
    // And the other way round.
    assertEquals(paths("a/1.txt", "a/2.txt"), list("a", "b").files());
  }

  @Test
  void aLinkedFolderDuplicatingAWalkedFolderIsReadOnceFromThePathReachedFirst() throws IOException {
    write("pages/1.txt");
    write("pages/sub/2.txt");
    link("alias", "pages"); // walked before pages/: its paths are kept
    link("zalias", "pages"); // walked after: nothing new
    assertEquals(paths("alias/1.txt", "alias/sub/2.txt"), list("").files());
    // A link to a subfolder reached after the folder itself adds nothing.
    link("zsub", "pages/sub");
    assertEquals(paths("alias/1.txt", "alias/sub/2.txt"), list("").files());
  }

  @Test
  void aLinkInsideALinkedFolderDuplicatingADirectFile() throws IOException {
    write("other/1.txt");
    write("pages/2.txt");
    link("pages/l.txt", "other/1.txt");
    link("alias", "pages"); // alias/l.txt is reached before other/1.txt
    assertEquals(paths("alias/2.txt", "alias/l.txt"), list("").files());
    // Walked directly, other/ comes first.
    assertEquals(paths("other/1.txt", "pages/2.txt"), list("other", "pages").files());
  }

  @Test
  void overlappingRootsListEachFileOnce() throws IOException {
    write("a/1.txt");
    write("a/sub/2.txt");
    write("a/sub/deeper/3.txt");
    List<Path> all = paths("a/1.txt", "a/sub/2.txt", "a/sub/deeper/3.txt");
    assertEquals(all, list("a", "a/sub").files());
    assertEquals(all, list("a/sub", "a").files());
    assertEquals(all, list("a/sub/deeper", "a/sub", "a", "a/sub/2.txt").files());
  }

  @Test
  void rootsGivenThroughLinksOrAsLinks() throws IOException {
    write("pages/1.txt");
    write("pages/2.txt");
    link("alias", "pages");
    link("outside/one.txt", "pages/1.txt");
    // A root folder given through a link: its paths are kept, the real folder adds nothing.
    assertEquals(paths("alias/1.txt", "alias/2.txt"), list("alias", "pages").files());
    // A root file that is a link, before the folder holding its target.
    assertEquals(paths("outside/one.txt", "pages/2.txt"), list("outside/one.txt", "pages").files());
    // After it: the folder's copy was reached first.
    assertEquals(paths("pages/1.txt", "pages/2.txt"), list("pages", "outside/one.txt").files());
    // A file given through a linked folder, after that folder's real path was walked.
    assertEquals(paths("pages/1.txt", "pages/2.txt"), list("pages", "alias/1.txt").files());
    assertEquals(
        paths("alias/1.txt", "pages/2.txt"), list("alias/1.txt", "pages", "alias").files());
    // The same file given twice.
    assertEquals(paths("pages/1.txt"), list("pages/1.txt", "pages/1.txt").files());
  }

  @Test
  void aLinkUnderACandidateNameToASkippedOrHiddenFileIsListed() throws IOException {
    write("pages/photo.png");
    write("pages/.draft.txt");
    link("pages/1.txt", "pages/photo.png");
    link("pages/2.txt", "pages/.draft.txt");
    Discovery found = list("pages");
    assertEquals(paths("pages/1.txt", "pages/2.txt"), found.files());
    assertEquals(1, found.skipped());
  }

  @Test
  void brokenLinksAreEachListed() throws IOException {
    link("pages/1.txt", "gone/1.txt");
    link("pages/2.txt", "gone/1.txt");
    link("pages/3.txt", "pages/2.txt"); // a link to a broken link
    assertEquals(paths("pages/1.txt", "pages/2.txt", "pages/3.txt"), list("pages").files());
  }
}
