package dev.tern.access.imap.internal.codec;

import io.vertx.core.buffer.Buffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImapResponseBuilderTest {

  private static String string(String text) {
    return ImapStrings.string(Buffer.buffer(), text).toString();
  }

  private static String astring(String text) {
    return ImapStrings.astring(Buffer.buffer(), text).toString();
  }

  @Test
  void choosesAtomQuotedOrLiteral() {
    assertEquals("INBOX", astring("INBOX"));
    assertEquals("\"a b\"", astring("a b"));
    assertEquals("\"NIL\"", astring("NIL"));
    assertEquals("\"\"", astring(""));
    assertEquals("\"say \\\"hi\\\" \\\\o/\"", string("say \"hi\" \\o/"));
    assertEquals("{3}\r\na\nb", string("a\nb"));
    assertEquals("{2}\r\nü", string("ü"));
    String longText = "x".repeat(ImapStrings.MAX_QUOTED + 1);
    assertEquals("{1001}\r\n" + longText, string(longText));
    assertEquals("NIL", ImapStrings.nstring(Buffer.buffer(), null).toString());
    assertEquals("&U,BTFw-", ImapStrings.mailbox(Buffer.buffer(), "台北").toString());
    assertEquals("\"a &- b\"", ImapStrings.mailbox(Buffer.buffer(), "a & b").toString());
  }

  @Test
  void parserReadsBackWhatTheWriterWrites() {
    for (String text : new String[] {"plain", "with space", "q\"uote\\", "", "NIL"}) {
      String wire = "a1 LOGIN " + astring(text) + " x";
      ImapParseResult.Parsed parsed = (ImapParseResult.Parsed) new ImapParser().parse(ImapCommandLine.of(wire));
      assertEquals(text, ((ImapCommand.Login) parsed.command()).user(), wire);
    }
  }

  @Test
  void taggedUntaggedAndContinuationResponses() {
    assertEquals("a1 OK [READ-WRITE] SELECT completed\r\n",
        ImapResponseBuilder.tagged("a1").ok(ImapResponseCode.READ_WRITE).text("SELECT completed").build().toString());
    assertEquals("* OK [UIDVALIDITY 3857529045] UIDs valid\r\n", ImapResponseBuilder.untagged()
        .ok(ImapResponseCode.uidValidity(3857529045L)).text("UIDs valid").build().toString());
    assertEquals("* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n", ImapResponseBuilder.untagged()
        .ok(ImapResponseCode.permanentFlags(List.of("\\Deleted", "\\Seen", "\\*"))).text("Limited").build().toString());
    assertEquals("a2 OK [APPENDUID 38505 3955] APPEND completed\r\n", ImapResponseBuilder.tagged("a2")
        .ok(ImapResponseCode.appendUid(38505, 3955)).text("APPEND completed").build().toString());
    assertEquals("a3 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n", ImapResponseBuilder.tagged("a3")
        .ok(ImapResponseCode.copyUid(38505, SequenceSet.of(304, 319, 320), SequenceSet.of(3956, 3957, 3958)))
        .text("Done").build().toString());
    assertEquals("a4 NO [TOOBIG] Too big\r\n",
        ImapResponseBuilder.tagged("a4").no(ImapResponseCode.TOOBIG).text("Too big").build().toString());
    assertEquals("a5 BAD unknown command\r\n",
        ImapResponseBuilder.tagged("a5").bad(null).text("unknown command").build().toString());
    assertEquals("+ Ready\r\n", ImapResponseBuilder.continuation().text("Ready").build().toString());
    assertEquals("+ \r\n", ImapResponseBuilder.continuation().text("").build().toString());
    for (ImapResponseCode code : List.of(ImapResponseCode.PRIVACYREQUIRED, ImapResponseCode.AUTHENTICATIONFAILED,
        ImapResponseCode.TRYCREATE, ImapResponseCode.NONEXISTENT, ImapResponseCode.ALREADYEXISTS,
        ImapResponseCode.CANNOT, ImapResponseCode.LIMIT, ImapResponseCode.INUSE, ImapResponseCode.OVERQUOTA,
        ImapResponseCode.CLIENTBUG, ImapResponseCode.UNAVAILABLE, ImapResponseCode.SERVERBUG)) {
      assertEquals("a NO [" + code.text() + "] x\r\n",
          ImapResponseBuilder.tagged("a").no(code).text("x").build().toString());
    }
    assertEquals("HIGHESTMODSEQ 715194045007", ImapResponseCode.highestModSeq(715194045007L).text());
  }

  @Test
  void fetchResponseWithListsDatesAndLiterals() {
    String response = ImapResponseBuilder.untagged().number(12).atom("FETCH").open()
        .atom("FLAGS").flags(List.of("\\Seen", "$Label"))
        .atom("INTERNALDATE").dateTime(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7)))
        .atom("ENVELOPE").open().nstring(null).string("Subj").close()
        .atom("BODY[]").literal(Buffer.buffer("Hi\r\n")).close().build().toString();
    assertEquals("* 12 FETCH (FLAGS (\\Seen $Label) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" "
        + "ENVELOPE (NIL \"Subj\") BODY[] {4}\r\nHi\r\n)\r\n", response);
  }

  @Test
  void refusesMalformedOutput() {
    assertThrows(IllegalArgumentException.class, () -> ImapResponseBuilder.tagged("+a"));
    assertThrows(IllegalArgumentException.class, () -> ImapResponseBuilder.untagged().text("two\r\nlines"));
    assertThrows(IllegalArgumentException.class, () -> ImapStrings.flagList(Buffer.buffer(), List.of("bad flag")));
    assertThrows(IllegalArgumentException.class, () -> ImapStrings.flagList(Buffer.buffer(), List.of("\\")));
  }
}
