package dev.tern.access.imap.internal.codec;

import io.vertx.core.buffer.Buffer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImapParserTest {

  private final ImapParser parser = new ImapParser();

  private ImapCommand parse(String line) {
    ImapParseResult result = parser.parse(ImapCommandLine.of(line));
    ImapParseResult.Parsed parsed = assertInstanceOf(ImapParseResult.Parsed.class, result, line + " -> " + result);
    assertEquals("a1", parsed.tag());
    return parsed.command();
  }

  private ImapParseResult.Rejected reject(String line) {
    ImapParseResult result = parser.parse(ImapCommandLine.of(line));
    return assertInstanceOf(ImapParseResult.Rejected.class, result, line + " -> " + result);
  }

  /** A command with literals: text pieces joined by held literals. */
  private ImapParseResult parseWithLiterals(String... piecesAndLiterals) {
    List<Buffer> segments = new java.util.ArrayList<>();
    List<ImapCommandLine.Literal> literals = new java.util.ArrayList<>();
    for (int i = 0; i < piecesAndLiterals.length; i++) {
      if (i % 2 == 0) {
        segments.add(Buffer.buffer(piecesAndLiterals[i]));
      } else {
        literals.add(ImapCommandLine.Literal.held(Buffer.buffer(piecesAndLiterals[i])));
      }
    }
    return parser.parse(new ImapCommandLine(segments, literals));
  }

  private static SequenceSet set(String text) {
    return SequenceSetParser.parse(text);
  }

  @Test
  void simpleCommandsAnyCase() {
    assertEquals(new ImapCommand.Simple(ImapCommand.Verb.CAPABILITY), parse("a1 capability"));
    for (ImapCommand.Verb verb : ImapCommand.Verb.values()) {
      assertEquals(new ImapCommand.Simple(verb), parse("a1 " + verb.name()));
    }
    assertTrue(ImapParser.isIdleDone(ImapCommandLine.of("done")));
    assertFalse(ImapParser.isIdleDone(ImapCommandLine.of("a1 DONE")));
  }

  @Test
  void tagsAndVerbsAreChecked() {
    assertNull(reject("").tag());
    assertNull(reject("+tag NOOP").tag());
    assertNull(reject("a(1 NOOP").tag());
    assertNull(reject("a1").tag());
    assertEquals("a1", reject("a1 FROB").tag());
    assertEquals("a1", reject("a1 NOOP extra").tag());
    assertEquals("a1", reject("a1  NOOP").tag());
    assertEquals("a1", reject("a1 UID FROB 1").tag());
  }

  @Test
  void loginWithAtomsQuotedStringsAndLiterals() {
    assertEquals(new ImapCommand.Login("bob", "pw"), parse("a1 LOGIN bob pw"));
    assertEquals(new ImapCommand.Login("bob@example.com", "p w\"\\"), parse("a1 LOGIN \"bob@example.com\" \"p w\\\"\\\\\""));
    ImapParseResult result = parseWithLiterals("a1 LOGIN {3}", "bob", " {6}", "p\r\nass", "");
    assertEquals(new ImapCommand.Login("bob", "p\r\nass"), ((ImapParseResult.Parsed) result).command());
    assertFalse(parse("a1 LOGIN bob pw").toString().contains("pw"));
    reject("a1 LOGIN bob");
    reject("a1 LOGIN \"bob pw");
    reject("a1 LOGIN \"bob\\x\" pw");
    reject("a1 LOGIN bob {3}");
  }

  @Test
  void authenticateWithInitialResponse() {
    assertEquals(new ImapCommand.Authenticate("PLAIN", Optional.empty()), parse("a1 AUTHENTICATE plain"));
    assertEquals(new ImapCommand.Authenticate("PLAIN", Optional.of("AGJvYgBwdw==")),
        parse("a1 AUTHENTICATE PLAIN AGJvYgBwdw=="));
    assertEquals(new ImapCommand.Authenticate("PLAIN", Optional.of("=")), parse("a1 AUTHENTICATE PLAIN ="));
    reject("a1 AUTHENTICATE PLAIN abc!");
  }

  @Test
  void selectExamineAndMailboxNames() {
    assertEquals(new ImapCommand.Select("INBOX", false, false), parse("a1 SELECT inbox"));
    assertEquals(new ImapCommand.Select("Entwürfe", true, true), parse("a1 EXAMINE \"Entw&APw-rfe\" (CONDSTORE)"));
    reject("a1 SELECT Entw&APw");
    reject("a1 SELECT x (FOO)");
    reject("a1 SELECT x (CONDSTORE");
  }

  @Test
  void mailboxManagement() {
    assertEquals(new ImapCommand.Create("Drafts", List.of("\\Drafts")), parse("a1 CREATE Drafts (USE (\\Drafts))"));
    assertEquals(new ImapCommand.Create("a/b", List.of()), parse("a1 CREATE a/b"));
    assertEquals(new ImapCommand.Delete("x"), parse("a1 DELETE x"));
    assertEquals(new ImapCommand.Rename("a", "b c"), parse("a1 RENAME a \"b c\""));
    assertEquals(new ImapCommand.Subscribe("a", true), parse("a1 SUBSCRIBE a"));
    assertEquals(new ImapCommand.Subscribe("a", false), parse("a1 UNSUBSCRIBE a"));
    assertEquals(new ImapCommand.GetQuota(""), parse("a1 GETQUOTA \"\""));
    assertEquals(new ImapCommand.GetQuotaRoot("INBOX"), parse("a1 GETQUOTAROOT INBOX"));
    reject("a1 CREATE x (USE \\Drafts)");
    reject("a1 RENAME a");
  }

  @Test
  void listLsubAndStatus() {
    assertEquals(new ImapCommand.ListMailboxes(false, "", List.of("*"), Set.of(), Set.of(), List.of()),
        parse("a1 LIST \"\" *"));
    assertEquals(new ImapCommand.ListMailboxes(true, "", List.of("%/x]"), Set.of(), Set.of(), List.of()),
        parse("a1 LSUB \"\" %/x]"));
    assertEquals(new ImapCommand.ListMailboxes(false, "", List.of("INBOX", "台北*"), Set.of("SPECIAL-USE"),
            Set.of("CHILDREN", "SPECIAL-USE", "STATUS"),
            List.of(ImapCommand.StatusItem.MESSAGES, ImapCommand.StatusItem.UNSEEN)),
        parse("a1 LIST (special-use) \"\" (INBOX \"&U,BTFw-*\") RETURN (CHILDREN SPECIAL-USE STATUS (MESSAGES UNSEEN))"));
    assertEquals(new ImapCommand.Status("INBOX", List.of(ImapCommand.StatusItem.UIDNEXT,
        ImapCommand.StatusItem.HIGHESTMODSEQ)), parse("a1 STATUS INBOX (uidnext HIGHESTMODSEQ)"));
    reject("a1 LIST \"\"");
    reject("a1 LIST (BOGUS) \"\" *");
    reject("a1 LIST \"\" * RETURN (BOGUS)");
    reject("a1 STATUS INBOX ()");
    reject("a1 STATUS INBOX (MESSAGES SIZES)");
    reject("a1 STATUS INBOX (MESSAGES");
  }

  @Test
  void appendWithFlagsDateAndLiteral() {
    ImapParseResult result = parseWithLiterals("a1 APPEND saved (\\Seen $Junk) \"17-Jul-1996 02:44:25 -0700\" {5}",
        "Hi\r\n!", "");
    ImapCommand.Append append = assertInstanceOf(ImapCommand.Append.class,
        ((ImapParseResult.Parsed) result).command());
    assertEquals("saved", append.mailbox());
    assertEquals(List.of("\\Seen", "$Junk"), append.flags());
    assertEquals(Optional.of(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7))),
        append.internalDate());
    assertEquals("Hi\r\n!", append.message().data().toString());
    ImapCommandLine streamed = new ImapCommandLine(List.of(Buffer.buffer("a1 APPEND INBOX {99+}"), Buffer.buffer("")),
        List.of(ImapCommandLine.Literal.streamed(99)));
    ImapCommand.Append plain = (ImapCommand.Append) ((ImapParseResult.Parsed) parser.parse(streamed)).command();
    assertTrue(plain.message().isStreamed());
    assertEquals(99, plain.message().size());
    assertInstanceOf(ImapParseResult.Rejected.class,
        parseWithLiterals("a1 APPEND x \"31-Feb-1996 02:44:25 -0700\" {1}", "x", ""));
    reject("a1 APPEND x (\\Seen) \"x\"");
    reject("a1 APPEND x");
  }

  @Test
  void appendMessageIsRecognisedWhileArriving() {
    assertTrue(ImapParser.isAppendMessage(ImapCommandLine.of("a1 APPEND INBOX {10}")));
    assertTrue(ImapParser.isAppendMessage(ImapCommandLine.of("a1 append x (\\Seen) \" 1-Feb-1994 21:52:25 -0800\" {10+}")));
    assertFalse(ImapParser.isAppendMessage(ImapCommandLine.of("a1 APPEND {5}")));
    assertTrue(ImapParser.isAppendMessage(new ImapCommandLine(List.of(Buffer.buffer("a1 APPEND {5}"),
        Buffer.buffer(" () {10}")), List.of(ImapCommandLine.Literal.held(Buffer.buffer("INBOX"))))));
    assertFalse(ImapParser.isAppendMessage(ImapCommandLine.of("a1 LOGIN x {10}")));
    assertEquals("a1", ImapParser.tagOf(ImapCommandLine.of("a1 LOGIN x {10}")));
    assertNull(ImapParser.tagOf(ImapCommandLine.of("{10}")));
  }

  @Test
  void fetchItemsMacrosSectionsAndModifiers() {
    ImapCommand.Fetch fast = (ImapCommand.Fetch) parse("a1 FETCH 1:* FAST");
    assertEquals(List.of(FetchItem.Attribute.FLAGS, FetchItem.Attribute.INTERNALDATE,
        FetchItem.Attribute.RFC822_SIZE), fast.items());
    assertEquals(5, ((ImapCommand.Fetch) parse("a1 FETCH 1 full")).items().size());
    assertEquals(4, ((ImapCommand.Fetch) parse("a1 FETCH 1 ALL")).items().size());
    ImapCommand.Fetch fetch = (ImapCommand.Fetch) parse("a1 UID FETCH 4,7:9 (UID FLAGS BODY BODYSTRUCTURE ENVELOPE "
        + "RFC822 RFC822.HEADER RFC822.TEXT MODSEQ BODY[] BODY.PEEK[HEADER.FIELDS (Subject \"From\")]<0.100> "
        + "BODY[1.2.3] BODY[1.2.HEADER] BODY[2.MIME] BODY[TEXT] BODY.PEEK[HEADER.FIELDS.NOT (X-A)]) (CHANGEDSINCE 12345)");
    assertTrue(fetch.byUid());
    assertEquals(set("4,7:9"), fetch.messages());
    assertEquals(OptionalLong.of(12345), fetch.changedSince());
    List<FetchItem> items = fetch.items();
    assertEquals(FetchItem.Attribute.BODY, items.get(2));
    assertEquals(new FetchItem.BodySection(SectionSpec.whole(), false, OptionalLong.empty(), OptionalLong.empty()),
        items.get(9));
    FetchItem.BodySection fields = (FetchItem.BodySection) items.get(10);
    assertTrue(fields.peek());
    assertEquals("BODY[HEADER.FIELDS (SUBJECT FROM)]<0>", fields.responseName());
    assertEquals(OptionalLong.of(100), fields.partialLength());
    assertEquals("1.2.3", ((FetchItem.BodySection) items.get(11)).section().wire());
    assertEquals(new SectionSpec(List.of(1, 2), SectionSpec.Kind.HEADER, List.of()),
        ((FetchItem.BodySection) items.get(12)).section());
    assertEquals("2.MIME", ((FetchItem.BodySection) items.get(13)).section().wire());
    assertEquals(SectionSpec.Kind.TEXT, ((FetchItem.BodySection) items.get(14)).section().kind());
    assertEquals("HEADER.FIELDS.NOT (X-A)", ((FetchItem.BodySection) items.get(15)).section().wire());
  }

  @Test
  void fetchRejectsBadItems() {
    for (String bad : new String[] {"a1 FETCH 1 (FLAGS", "a1 FETCH 1 BODY[MIME]", "a1 FETCH 1 BODY[1.]",
        "a1 FETCH 1 BODY[HEADER.FIELDS]", "a1 FETCH 1 BODY[HEADER.FIELDS ()]", "a1 FETCH 1 BODY[]<0.0>",
        "a1 FETCH 1 BODY[]<0>", "a1 FETCH 1 BODY[FOO]", "a1 FETCH 1 BOGUS", "a1 FETCH 0 FLAGS", "a1 FETCH 1: FLAGS",
        "a1 FETCH 1 FLAGS (CHANGEDSINCE x)", "a1 FETCH 1 FLAGS (VANISHED)", "a1 FETCH FLAGS", "a1 FETCH 1 BODY[0]"}) {
      reject(bad);
    }
  }

  @Test
  void storeForms() {
    assertEquals(new ImapCommand.Store(false, set("1:3"), ImapCommand.StoreMode.ADD, true, List.of("\\Deleted"),
        OptionalLong.empty()), parse("a1 STORE 1:3 +FLAGS.SILENT (\\Deleted)"));
    assertEquals(new ImapCommand.Store(true, set("*"), ImapCommand.StoreMode.REMOVE, false, List.of("\\Seen", "foo"),
        OptionalLong.of(7)), parse("a1 UID STORE * (UNCHANGEDSINCE 7) -FLAGS \\Seen foo"));
    assertEquals(new ImapCommand.Store(false, set("2"), ImapCommand.StoreMode.REPLACE, false, List.of(),
        OptionalLong.empty()), parse("a1 STORE 2 FLAGS ()"));
    reject("a1 STORE 1 +LABELS (x)");
    reject("a1 STORE 1 FLAGS (\\Seen");
    reject("a1 STORE 1 FLAGS");
  }

  @Test
  void copyMoveAndUidExpunge() {
    assertEquals(new ImapCommand.Copy(false, false, set("2:4"), "Trash"), parse("a1 COPY 2:4 Trash"));
    assertEquals(new ImapCommand.Copy(true, true, set("1,5"), "INBOX"), parse("a1 UID MOVE 1,5 inbox"));
    assertEquals(new ImapCommand.UidExpunge(set("3:5")), parse("a1 UID EXPUNGE 3:5"));
    reject("a1 COPY 1");
    reject("a1 UID EXPUNGE");
  }

  @Test
  void searchKeysIntoATree() {
    ImapCommand.Search search = (ImapCommand.Search) parse("a1 SEARCH CHARSET utf-8 FLAGGED SINCE 1-Feb-1994 "
        + "NOT FROM \"Smith\"");
    assertEquals(Optional.of("UTF-8"), search.charset());
    assertEquals(new SearchKey.And(List.of(new SearchKey.Flag("\\Flagged", true),
        new SearchKey.Date(false, SearchKey.DateComparison.SINCE, LocalDate.of(1994, 2, 1)),
        new SearchKey.Not(new SearchKey.Header("FROM", "Smith")))), search.key());
    assertEquals(new SearchKey.Or(new SearchKey.Messages(false, set("1:3")),
            new SearchKey.And(List.of(new SearchKey.Messages(true, set("5:*")), new SearchKey.Size(true, 100)))),
        ((ImapCommand.Search) parse("a1 SEARCH OR 1:3 (UID 5:* LARGER 100)")).key());
    assertTrue(((ImapCommand.Search) parse("a1 UID SEARCH ALL")).byUid());
    assertEquals(new SearchKey.ModSeq(620162338),
        ((ImapCommand.Search) parse("a1 SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338")).key());
  }

  @Test
  void everySearchKeyParses() {
    String all = "ALL ANSWERED BCC a BEFORE 1-Jan-2000 BODY b CC c DELETED DRAFT FLAGGED FROM d HEADER X-Y e "
        + "KEYWORD $k LARGER 1 NEW NOT SEEN OLD ON \"2-Jan-2000\" OR SEEN UNSEEN RECENT SEEN SENTBEFORE 1-Jan-2000 "
        + "SENTON 1-Jan-2000 SENTSINCE 1-Jan-2000 SINCE 1-Jan-2000 SMALLER 9 SUBJECT f TEXT g TO h UID 1:* "
        + "UNANSWERED UNDELETED UNDRAFT UNFLAGGED UNKEYWORD $k UNSEEN 1,2 * MODSEQ 5 (SEEN)";
    SearchKey.And and = (SearchKey.And) ((ImapCommand.Search) parse("a1 SEARCH " + all)).key();
    assertEquals(39, and.keys().size());
    assertEquals(new SearchKey.And(List.of(new SearchKey.Flag("\\Recent", true), new SearchKey.Flag("\\Seen", false))),
        and.keys().get(13));
    assertEquals(new SearchKey.Header("X-Y", "e"), and.keys().get(10));
    ImapParseResult literal = parseWithLiterals("a1 SEARCH CHARSET UTF-8 SUBJECT {6}", "日本", "");
    assertEquals(new SearchKey.Header("SUBJECT", "日本"),
        ((ImapCommand.Search) ((ImapParseResult.Parsed) literal).command()).key());
  }

  @Test
  void searchRejectsBadInput() {
    for (String bad : new String[] {"a1 SEARCH", "a1 SEARCH BOGUS", "a1 SEARCH (SEEN", "a1 SEARCH SEEN)",
        "a1 SEARCH ()", "a1 SEARCH BEFORE 1-Foo-2000", "a1 SEARCH ON 31-Apr-2000", "a1 SEARCH FROM",
        "a1 SEARCH OR SEEN", "a1 SEARCH 0", "a1 SEARCH LARGER -1", "a1 SEARCH LARGER 99999999999",
        "a1 SEARCH SUBJECT \"open", "a1 SEARCH MODSEQ \"/flags/x\" bogus 5", "a1 SEARCH CHARSET UTF-8"}) {
      reject(bad);
    }
  }

  @Test
  void nestingIsBounded() {
    String deepParens = "a1 SEARCH " + "(".repeat(40) + "SEEN" + ")".repeat(40);
    assertEquals("nested too deeply", reject(deepParens).reason());
    assertEquals("nested too deeply", reject("a1 SEARCH " + "NOT ".repeat(1000) + "SEEN").reason());
    assertEquals("nested too deeply", reject("a1 SEARCH " + "OR SEEN ".repeat(1000) + "SEEN").reason());
    assertInstanceOf(ImapCommand.Search.class, parse("a1 SEARCH " + "(".repeat(30) + "SEEN" + ")".repeat(30)));
  }

  @Test
  void enableAndId() {
    assertEquals(new ImapCommand.Enable(List.of("CONDSTORE", "X-FOO")), parse("a1 ENABLE condstore X-FOO"));
    assertEquals(new ImapCommand.Id(Map.of()), parse("a1 ID NIL"));
    assertEquals(new ImapCommand.Id(Map.of("name", "sodr", "version", "19.34")),
        parse("a1 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" NIL)"));
    reject("a1 ENABLE");
    reject("a1 ID (\"name\")");
    reject("a1 ID name");
  }

  @Test
  void literalMustEndItsSegmentAndMatchItsSize() {
    assertInstanceOf(ImapParseResult.Rejected.class, parseWithLiterals("a1 LOGIN {4}", "bob", " x"));
    reject("a1 LOGIN {3}x y");
  }
}
