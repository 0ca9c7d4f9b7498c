package dev.tern.access.imap;

import dev.tern.access.imap.support.ImapClient;
import dev.tern.access.imap.support.ImapFixture;
import dev.tern.access.imap.support.ImapTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FETCH and SEARCH commands over a real socket (the engines have their own byte-exact tests). */
class ImapFetchSearchTest extends ImapTestBase {

  private static final String FIRST = "From: Ann <ann@example.org>\r\nSubject: quarterly report\r\n\r\nnumbers\r\n";
  private static final String SECOND = "From: Bo <bo@example.org>\r\nSubject: lunch\r\n\r\npizza today\r\n";

  private ImapClient selected() throws Exception {
    start();
    imap.deliver(ImapFixture.ALICE, FIRST);
    imap.deliver(ImapFixture.ALICE, SECOND);
    ImapClient client = imap.loginAlice();
    client.ok("SELECT INBOX");
    return client;
  }

  @Test
  void fetchesSummariesAndEnvelopes() throws Exception {
    try (ImapClient client = selected()) {
      List<String> lines = client.ok("UID FETCH 1:* (FLAGS RFC822.SIZE ENVELOPE)");
      assertEquals(3, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("* 1 FETCH (UID 1 "), lines.get(0));
      assertTrue(lines.get(0).contains("RFC822.SIZE " + FIRST.length()), lines.get(0));
      assertTrue(lines.get(0).contains("\"quarterly report\""), lines.get(0));
      assertTrue(lines.get(1).contains("((\"Bo\" NIL \"bo\" \"example.org\"))"), lines.get(1));
    }
  }

  @Test
  void bodyWithoutPeekSetsSeenAndSaysSo() throws Exception {
    try (ImapClient client = selected()) {
      String peek = client.ok("FETCH 1 BODY.PEEK[]").get(0);
      assertFalse(peek.contains("FLAGS"), peek);
      assertTrue(peek.endsWith(FIRST + ")"), peek);
      String read = client.ok("FETCH 1 BODY[TEXT]").get(0);
      assertTrue(read.contains("\\Seen") && read.contains("BODY[TEXT] {9}\r\nnumbers\r\n"), read);
      assertTrue(client.ok("FETCH 1 FLAGS").get(0).contains("\\Seen"));
      assertTrue(client.ok("SEARCH UNSEEN").contains("* SEARCH 2"));
    }
  }

  @Test
  void examineNeverSetsSeen() throws Exception {
    try (ImapClient client = selected()) {
      client.ok("EXAMINE INBOX");
      client.ok("FETCH 2 RFC822");
      assertTrue(client.ok("SEARCH UNSEEN").contains("* SEARCH 1 2"));
    }
  }

  @Test
  void changedSinceReportsOnlyNewerModSeqs() throws Exception {
    try (ImapClient client = selected()) {
      client.ok("STORE 2 +FLAGS.SILENT (\\Flagged)");
      String modSeqOfFirst = client.ok("FETCH 1 (MODSEQ)").get(0).replaceAll(".*MODSEQ \\((\\d+)\\).*", "$1");
      List<String> changed = client.ok("FETCH 1:* (FLAGS) (CHANGEDSINCE " + modSeqOfFirst + ")");
      assertEquals(2, changed.size(), changed.toString());
      assertTrue(changed.get(0).startsWith("* 2 FETCH") && changed.get(0).contains("MODSEQ"), changed.toString());
    }
  }

  @Test
  void searchesHeadersBodiesAndAnswersByUid() throws Exception {
    try (ImapClient client = selected()) {
      assertTrue(client.ok("SEARCH SUBJECT report").contains("* SEARCH 1"));
      assertTrue(client.ok("SEARCH BODY pizza").contains("* SEARCH 2"));
      assertTrue(client.ok("UID SEARCH OR FROM ann FROM bo").contains("* SEARCH 1 2"));
      assertTrue(client.ok("SEARCH CHARSET UTF-8 TEXT nothing-like-this").contains("* SEARCH"));
      assertTrue(client.no("SEARCH CHARSET KOI8-R ALL").contains("[BADCHARSET (US-ASCII UTF-8)]"));
      List<String> modseq = client.ok("SEARCH MODSEQ 1");
      assertTrue(modseq.get(0).matches("\\* SEARCH 1 2 \\(MODSEQ \\d+\\)"), modseq.toString());
    }
  }

  @Test
  void badSetsAndWrongStates() throws Exception {
    try (ImapClient client = selected()) {
      client.bad("FETCH 3 FLAGS");
      client.bad("FETCH 0 FLAGS");
      client.bad("FETCH 1 (FLAGS");
      client.bad("SEARCH FOO");
      assertEquals(1, client.ok("UID FETCH 99 FLAGS").size());
      client.ok("UNSELECT");
      assertTrue(client.bad("FETCH 1 FLAGS").contains("without a selected mailbox"));
    }
  }

  @Test
  void aMessageExpungedElsewhereIsReportedNotFetched() throws Exception {
    try (ImapClient client = selected(); ImapClient other = imap.loginAlice()) {
      other.ok("SELECT INBOX");
      other.ok("STORE 1 +FLAGS.SILENT (\\Deleted)");
      other.ok("EXPUNGE");
      // Plain FETCH may not carry EXPUNGE responses, so message 1 keeps its number until then.
      List<String> lines = client.command("FETCH 1:2 BODY.PEEK[]");
      assertTrue(lines.get(lines.size() - 1).contains("NO [EXPUNGEISSUED]"), lines.toString());
      assertTrue(lines.stream().noneMatch(l -> l.endsWith("EXPUNGE")), lines.toString());
      List<String> noop = client.ok("NOOP");
      assertTrue(noop.contains("* 1 EXPUNGE"), noop.toString());
    }
  }
}
