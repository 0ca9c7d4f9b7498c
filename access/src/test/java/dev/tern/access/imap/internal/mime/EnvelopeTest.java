package dev.tern.access.imap.internal.mime;

import static dev.tern.access.imap.internal.mime.Fixtures.crlf;
import static dev.tern.access.imap.internal.mime.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

    private static String envelope(String message) {
        return new String(FetchStructureWriter.envelope(parse(crlf(message))), StandardCharsets.UTF_8);
    }

    @Test
    void rfc3501Example() {
        // The message behind RFC 3501 section 8's FETCH example.
        String message = """
                Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)
                From: Terry Gray <gray@cac.washington.edu>
                Subject: IMAP4rev1 WG mtg summary and minutes
                To: imap@cac.washington.edu
                cc: minutes@CNRI.Reston.VA.US,
                 John Klensin <KLENSIN@MIT.EDU>
                Message-Id: <B27397-0100000@cac.washington.edu>

                body
                """;
        assertEquals("(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\""
                + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                + " ((NIL NIL \"imap\" \"cac.washington.edu\"))"
                + " ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\"))"
                + " NIL NIL \"<B27397-0100000@cac.washington.edu>\")", envelope(message));
    }

    @Test
    void groupsRoutesQuotedNamesAndComments() {
        String message = """
                From: "Doe, John" <@relay.example,@hub.example:john@example.com>
                Sender: bob@example.com (Bob Smith)
                To: Team: a@example.com, "B \\"Q\\"" <b@example.com>;, undisclosed-recipients:;
                Cc: bare

                """;
        assertEquals("(NIL NIL ((\"Doe, John\" \"@relay.example,@hub.example\" \"john\" \"example.com\"))"
                + " ((\"Bob Smith\" NIL \"bob\" \"example.com\"))"
                + " ((\"Doe, John\" \"@relay.example,@hub.example\" \"john\" \"example.com\"))"
                + " ((NIL NIL \"Team\" NIL)(NIL NIL \"a\" \"example.com\")(\"B \\\"Q\\\"\" NIL \"b\" \"example.com\")"
                + "(NIL NIL NIL NIL)(NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL))"
                + " ((NIL NIL \"bare\" \"MISSING_DOMAIN\")) NIL NIL NIL)", envelope(message));
    }

    @Test
    void encodedWordsStayEncodedAndEightBitBecomesLiteral() {
        String message = """
                Subject: =?UTF-8?B?SsO8cmdlbg==?= says
                  hello
                From: =?ISO-8859-1?Q?Andr=E9?= <andre@example.com>
                Reply-To: Jörg <j@example.de>

                """;
        assertEquals("(NIL \"=?UTF-8?B?SsO8cmdlbg==?= says  hello\""
                + " ((\"=?ISO-8859-1?Q?Andr=E9?=\" NIL \"andre\" \"example.com\"))"
                + " ((\"=?ISO-8859-1?Q?Andr=E9?=\" NIL \"andre\" \"example.com\"))"
                + " (({5}\r\nJörg NIL \"j\" \"example.de\")) NIL NIL NIL NIL NIL)", envelope(message));
    }

    @Test
    void duplicateHeadersUseTheFirstAndEmptySenderFallsBackToFrom() {
        String message = """
                Subject: first
                Subject: second
                From: a@example.com
                Sender:
                In-Reply-To: <p@example.com>

                """;
        assertEquals("(NIL \"first\" ((NIL NIL \"a\" \"example.com\")) ((NIL NIL \"a\" \"example.com\"))"
                + " ((NIL NIL \"a\" \"example.com\")) NIL NIL NIL \"<p@example.com>\" NIL)", envelope(message));
    }

    @Test
    void noHeadersAtAll() {
        assertEquals("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)", envelope("\nbody only\n"));
    }
}
