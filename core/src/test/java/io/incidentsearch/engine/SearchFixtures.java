package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.incidentsearch.TestCorpus;
import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.ScanResult;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Classification;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.Section;
import io.incidentsearch.model.Taxonomy;
import io.incidentsearch.schema.RecordDocuments;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A small hand-made archive modelled on FAIL fail-dev pages (titles, sections and taxonomy rows as
 * FAIL writes them), and a way to index records with a plain {@link IndexWriter} and {@link
 * RecordDocuments}.
 */
final class SearchFixtures {
  private SearchFixtures() {}

  /** An index over records; close it to release the directory. */
  record TestIndex(Directory dir, SearcherManager manager, IncidentSearcher searcher)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      manager.close();
      dir.close();
    }
  }

  /**
   * Indexes incidents and articles as the builder would (cited articles' text on incidents, citing
   * incidents' taxonomy on articles), committing in two batches so the index has two segments, plus
   * one file entry that searches must never see.
   */
  static TestIndex index(Path dirPath, List<Incident> incidents, List<Article> articles)
      throws IOException {
    Directory dir = FSDirectory.open(dirPath);
    RecordDocuments docs = new RecordDocuments(Schema.get());
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(Schema.get().analyzer()))) {
      int n = 0;
      for (Incident i : incidents) {
        List<Article> cited =
            articles.stream().filter(a -> i.articleIds().contains(a.id())).toList();
        w.addDocument(docs.incident(i, "", cited));
        if (++n == incidents.size() / 2) {
          w.commit();
        }
      }
      for (Article a : articles) {
        List<Incident> citing =
            incidents.stream().filter(i -> i.articleIds().contains(a.id())).toList();
        w.addDocument(docs.article(a, "", citing));
      }
      w.addDocument(
          docs.fileEntry(dirPath.resolve("incidents.txt"), "abc", List.of("incident:2750")));
      w.commit();
    }
    SearcherManager manager = new SearcherManager(dir, null);
    return new TestIndex(dir, manager, new IncidentSearcher(manager));
  }

  /** The real fail-dev incident and article pages, read without error. */
  static ScanResult failDevPages() {
    Path failDev = TestCorpus.failDev();
    ScanResult pages =
        new ArchiveScanner()
            .scan(List.of(failDev.resolve("incidents"), failDev.resolve("articles")));
    assertFalse(pages.hasErrors(), () -> pages.problems().toString());
    return pages;
  }

  /** The hand-made archive. */
  static TestIndex index(Path dirPath) throws IOException {
    return index(dirPath, incidents(), articles());
  }

  // ---- the hand-made archive ----

  static List<Incident> incidents() {
    List<Incident> all = new ArrayList<>();
    all.add(
        incident(
            "2750",
            "Twitter Exposes User Phone Numbers Due to Flaw in Contacts Feature",
            "2020-02-03",
            null,
            Map.of(
                Section.TIMELINE,
                List.of("1. The software failure incident happened in December 2019 [96761]."),
                Section.SYSTEM,
                List.of(
                    "1. Twitter's \"contacts upload\" feature 2. Twitter's Android app [96761]"),
                Section.RESPONSIBLE_ORGANIZATION,
                List.of("1. Possible state actors from Iran, Israel, and Malaysia [96761]."),
                Section.IMPACTED_ORGANIZATION,
                List.of("1. Twitter users whose phone numbers were exposed [96761]."),
                Section.SOFTWARE_CAUSES,
                List.of(
                    "1. Exploitation of a flaw in Twitter's \"contacts upload\" feature in its"
                        + " Android app, allowing a security researcher to match 17 million phone"
                        + " numbers to specific Twitter user accounts [96761]."),
                Section.IMPACTS,
                List.of("1. User phone numbers associated with Twitter accounts were exposed."),
                Section.FIXES,
                List.of("1. Twitter suspended the accounts involved and changed the endpoint.")),
            Map.of(
                Category.RECURRING, List.of("one_organization"),
                Category.PHASE, List.of("design", "operation"),
                Category.BOUNDARY, List.of("within_system", "outside_system"),
                Category.NATURE, List.of("non-human_actions", "human_actions"),
                Category.DIMENSION, List.of("software"),
                Category.OBJECTIVE, List.of("malicious"),
                Category.INTENT, List.of("poor_decisions"),
                Category.DURATION, List.of("temporary"),
                Category.BEHAVIOUR, List.of("value", "other"),
                Category.DOMAIN, List.of("information")),
            "The attackers, suspected to have ties to state actors, matched phone numbers.",
            List.of("96761")));
    all.add(
        incident(
            "2745",
            "Toyota Hybrid Recall: Software Failure Leads to Loss of Power",
            "2018-10-05",
            "Toyota recalled hybrid vehicles because a software fault could cut power.",
            Map.of(
                Section.SYSTEM,
                List.of("1. Hybrid system control software of the Prius [77003]"),
                Section.SOFTWARE_CAUSES,
                List.of("1. The software did not handle a sensor fault in the inverter [77003]."),
                Section.IMPACTS,
                List.of("1. Vehicles could lose power while driving; an outage of propulsion."),
                Section.FIXES,
                List.of("1. Dealers updated the software of the hybrid system.")),
            Map.of(
                Category.PHASE, List.of("design"),
                Category.OBJECTIVE, List.of("non-malicious"),
                Category.DIMENSION, List.of("hardware", "software"),
                Category.DURATION, List.of("permanent"),
                Category.BEHAVIOUR, List.of("crash"),
                Category.DOMAIN, List.of("transportation"),
                Category.CPS, List.of("cps"),
                Category.PERCEPTION, List.of("sensor", "embedded_software"),
                Category.COMMUNICATION, List.of("unknown"),
                Category.APPLICATION, List.of("application")),
            "The recall concerned embedded software of the vehicle's hybrid system sensor.",
            List.of("77003")));
    all.add(
        incident(
            "2733",
            "Cloud Provider Outage After Faulty Regular Expression Deployment",
            "2019-07-02",
            "A global outage followed the deployment of a rule with a bad regular expression.",
            Map.of(
                Section.SYSTEM,
                List.of("1. The web application firewall of the provider"),
                Section.SOFTWARE_CAUSES,
                List.of("1. A regular expression backtracked and exhausted the CPU."),
                Section.NON_SOFTWARE_CAUSES,
                List.of("1. The change was rolled out globally without a staged rollout."),
                Section.FIXES,
                List.of("1. Engineers issued a global kill and a rollback."),
                Section.PREVENTIONS,
                List.of("1. Staged rollout of rule changes and limits on regex execution.")),
            Map.of(
                Category.PHASE, List.of("operation"),
                Category.OBJECTIVE, List.of("non-malicious"),
                Category.NATURE, List.of("human_actions"),
                Category.DURATION, List.of("temporary"),
                Category.BEHAVIOUR, List.of("crash"),
                Category.DOMAIN, List.of("information"),
                Category.CPS, List.of("unknown")),
            "Engineers deployed the rule; the failure was temporary.",
            List.of()));
    all.add(
        incident(
            "2760",
            "Hospital Ransomware Attack Disrupts Patient Records",
            null,
            "Ransomware encrypted the patient record system of a hospital network.",
            Map.of(
                Section.SOFTWARE_CAUSES,
                List.of("1. Unpatched servers let the ransomware spread across the network."),
                Section.IMPACTS,
                List.of("1. Staff worked on paper; an outage of the records system for days.")),
            Map.of(
                Category.PHASE, List.of("unknown"),
                Category.OBJECTIVE, List.of("malicious"),
                Category.DOMAIN, List.of("health"),
                Category.CONSEQUENCE, List.of("delay")),
            "",
            List.of()));
    all.add(
        incident(
            "2761",
            "Bank Mainframe Glitch Delays Salary Payments",
            "2012-06-20",
            "A batch job failure at a bank delayed account updates for millions of customers.",
            Map.of(
                Section.SOFTWARE_CAUSES,
                List.of("1. A botched upgrade of the batch scheduler corrupted the job queue."),
                Section.IMPACTS,
                List.of("1. Customers could not see their balances for days.")),
            Map.of(
                Category.PHASE, List.of("operation"),
                Category.OBJECTIVE, List.of("non-malicious"),
                Category.DOMAIN, List.of("finance"),
                Category.CONSEQUENCE, List.of("delay", "property")),
            "",
            List.of("55501")));
    all.add(
        incident(
            "2762",
            "Council Payroll System Pays Staff Twice",
            "2012-08-01",
            null,
            Map.of(
                Section.SOFTWARE_CAUSES,
                List.of("1. The payroll system ran the salary run twice after a restart."),
                Section.FIXES,
                List.of("1. The council reversed the duplicate payroll run.")),
            Map.of(
                Category.PHASE, List.of("operation"),
                Category.DOMAIN, List.of("government"),
                Category.CONSEQUENCE, List.of("property")),
            "",
            List.of()));
    all.add(
        incident(
            "2752",
            "Smart Chastity Belt Hack Leaves Users Trapped and Exposed",
            "2020-10-06",
            null,
            Map.of(
                Section.SOFTWARE_CAUSES,
                List.of("1. The device's API exposed location data and could lock the device."),
                Section.SYSTEM,
                List.of("1. Bluetooth device and its companion app")),
            Map.of(
                Category.PHASE, List.of("design", "operation"),
                Category.OBJECTIVE, List.of("malicious", "non-malicious"),
                Category.DOMAIN, List.of("health", "entertainment"),
                Category.CPS, List.of("cps"),
                Category.PERCEPTION, List.of("embedded_software"),
                Category.COMMUNICATION, List.of("connectivity_level"),
                Category.APPLICATION, List.of("application")),
            "Attackers could exploit the device's API over the network.",
            List.of()));
    return all;
  }

  static List<Article> articles() {
    return List.of(
        new Article(
            "96761",
            "Twitter says state-backed actors may have accessed users' phone numbers",
            "Reuters",
            "https://www.reuters.com/article/twitter-security",
            LocalDate.parse("2020-02-03"),
            "SAN FRANCISCO (Reuters) - Twitter said on Monday that it had discovered attempts by"
                + " possible state actors to access the phone numbers associated with user"
                + " accounts, after a security researcher unearthed a flaw in the company's"
                + " \"contacts upload\" feature.\n\nIn a statement published on its privacy"
                + " blog, Twitter said it had observed a large volume of requests.",
            List.of(),
            null),
        new Article(
            "77003",
            "Toyota recalls 2.4 million hybrids over stalling risk",
            "CNN",
            null,
            LocalDate.parse("2018-10-05"),
            "Toyota is recalling about 2.4 million hybrid vehicles because of a problem that"
                + " could cause them to stall. The automaker said a software update fixes it.",
            List.of(),
            null),
        new Article(
            "55501",
            "Customers locked out as bank batch failure drags on",
            "BBC News",
            null,
            LocalDate.parse("2012-06-22"),
            "Thousands of customers said their wages had not arrived. The bank blamed a payroll"
                + " processing backlog after a failed software upgrade of its batch systems.",
            List.of(),
            null),
        new Article(
            "80000",
            "Smartphone makers race to add foldable screens",
            "The Verge",
            null,
            null,
            "Foldable phones are coming, but they are not for everyone.",
            List.of(),
            null));
  }

  static Incident incident(
      String id,
      String title,
      String date,
      String summary,
      Map<Section, List<String>> sections,
      Map<Category, List<String>> options,
      String rationale,
      List<String> articleIds) {
    Map<Category, Classification> tax = new EnumMap<>(Category.class);
    boolean first = true;
    for (Map.Entry<Category, List<String>> e : options.entrySet()) {
      tax.put(e.getKey(), new Classification(e.getValue(), first ? rationale : ""));
      first = false;
    }
    return new Incident(
        id,
        title,
        date == null ? null : LocalDate.parse(date),
        summary,
        sections,
        new Taxonomy(tax),
        articleIds,
        null);
  }

  // ---- independent expectations ----

  /** Record keys of incidents. */
  static String key(Record r) {
    return Schema.key(r.type().key(), r.id());
  }

  /** Category key to option to count over incidents, {@code missing} for empty categories. */
  static Map<String, Map<String, Integer>> countOptions(List<Incident> incidents) {
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      Map<String, Integer> m = new LinkedHashMap<>();
      for (Incident i : incidents) {
        Set<String> options = new LinkedHashSet<>(i.taxonomy().options(c));
        if (options.isEmpty()) {
          options.add("missing");
        }
        for (String o : options) {
          m.merge(o, 1, Integer::sum);
        }
      }
      counts.put(c.key(), m);
    }
    return counts;
  }
}
