package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeadlineTest {
  @Test
  void splitsAtEnDashHyphenAndBar() {
    assertEquals(
        new Headline(
            "Twitter’s support form leaked phone number country codes to IPs in China & Saudi",
            "TechCrunch"),
        Headline.parse(
            "Twitter’s support form leaked phone number country codes to IPs in China & Saudi"
                + " – TechCrunch"));
    assertEquals(
        new Headline("Top Wi-Fi routers easy to hack, says study", "CNET"),
        Headline.parse("Top Wi-Fi routers easy to hack, says study - CNET"));
    assertEquals(
        new Headline("Boeing 737 MAX grounded worldwide", "Reuters"),
        Headline.parse("Boeing 737 MAX grounded worldwide | Reuters"));
  }

  /** FAIL's article tables sometimes repeat the suffix; the copy is the same publication. */
  @Test
  void aRepeatedSuffixIsRemovedOnce() {
    assertEquals(
        new Headline("Researchers remotely hack Tesla Model S", "The Washington Post"),
        Headline.parse(
            "Researchers remotely hack Tesla Model S - The Washington Post - The Washington Post"));
    assertEquals(
        new Headline("Reuters - the agency's view", "Reuters"),
        Headline.parse("Reuters - the agency's view - Reuters"));
  }

  @Test
  void titleWithAnEarlierSeparatorStaysWhole() {
    assertEquals(
        new Headline(
            "This gun makes everyone a sharpshooter – even hackers", "The Washington Post"),
        Headline.parse(
            "This gun makes everyone a sharpshooter – even hackers - The Washington Post"));
    assertEquals(
        new Headline("Outage | what went wrong - and why", "The Register"),
        Headline.parse("Outage | what went wrong - and why | The Register"));
  }

  @Test
  void noSeparatorMeansNoPublication() {
    assertEquals(
        new Headline("Hackers Can Disable a Sniper Rifle—Or Change Its Target", null),
        Headline.parse("Hackers Can Disable a Sniper Rifle—Or Change Its Target"));
    // A hyphen inside a word or a spaced em dash is not a separator.
    assertEquals(
        new Headline("Wi-Fi flaw — patched at last", null),
        Headline.parse("Wi-Fi flaw — patched at last"));
    assertEquals(new Headline("", null), Headline.parse("   "));
    assertEquals(new Headline("", null), Headline.parse(null));
  }

  @Test
  void longSuffixIsPartOfTheTitle() {
    assertEquals(
        new Headline("PlayStation 3 hack – how it happened and what it means", null),
        Headline.parse("PlayStation 3 hack – how it happened and what it means"));
  }

  @Test
  void danglingSeparatorAndOddSpacing() {
    assertEquals(new Headline("Cut off headline", null), Headline.parse("Cut off headline - "));
    assertEquals(
        new Headline("Microsoft hack: Biden launches taskforce", "The Guardian US"),
        Headline.parse("  Microsoft hack: Biden launches taskforce\u00a0-  The Guardian US \t"));
  }

  @Test
  void samePublication() {
    assertTrue(Headline.samePublication("WIRED", "Wired"));
    assertTrue(Headline.samePublication("BBC.com", "BBC"));
    assertFalse(Headline.samePublication("how it happened and what it means", "The Guardian"));
    assertFalse(Headline.samePublication(null, "CNN"));
    assertFalse(Headline.samePublication("—", "CNN"));
  }
}
