package dev.tern.access.imap.internal.mime;

import static dev.tern.access.imap.internal.mime.Fixtures.crlf;
import static dev.tern.access.imap.internal.mime.Fixtures.lf;
import static dev.tern.access.imap.internal.mime.Fixtures.parse;
import static dev.tern.access.imap.internal.mime.Fixtures.slice;
import static dev.tern.access.imap.internal.mime.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class MessageStructureTest {

    static final String MIXED = """
            From: a@example.com
            Subject: mixed
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            preamble
            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain; charset=utf-8

            plain
            two
            --inner
            Content-Type: text/html

            <p>html</p>
            --inner--
            --outer
            Content-Type: application/pdf; name="r.pdf"
            Content-Transfer-Encoding: base64
            Content-Disposition: attachment; filename="r.pdf"

            QUJD
            --outer
            Content-Type: message/rfc822

            From: Inner <in@example.org>
            Subject: inside

            nested body
            --outer--
            epilogue
            """;

    @Test
    void offsetsOfNestedPartsPointAtTheirRawBytes() {
        byte[] raw = crlf(MIXED);
        MessageStructure structure = parse(raw);
        MessagePart root = structure.root();
        assertEquals(raw.length, structure.size());
        assertEquals(0, root.headerStart());
        assertEquals(raw.length, root.bodyEnd());
        assertEquals(3, root.children().size());
        MessagePart alternative = root.children().get(0);
        assertEquals("Content-Type: multipart/alternative; boundary=inner\r\n\r\n",
                slice(raw, alternative.headerStart(), alternative.bodyStart()));
        MessagePart plain = alternative.children().get(0);
        assertEquals("plain\r\ntwo", slice(raw, plain.bodyStart(), plain.bodyEnd()));
        assertEquals(2, plain.bodyLines());
        assertEquals("<p>html</p>", slice(raw, alternative.children().get(1).bodyStart(), alternative.children().get(1).bodyEnd()));
        assertTrue(slice(raw, alternative.bodyStart(), alternative.bodyEnd()).endsWith("--inner--"));
        MessagePart pdf = root.children().get(1);
        assertEquals("QUJD", slice(raw, pdf.bodyStart(), pdf.bodyEnd()));
        MessagePart rfc822 = root.children().get(2);
        MessagePart inner = rfc822.message().orElseThrow();
        assertEquals(rfc822.bodyStart(), inner.headerStart());
        assertEquals("nested body", slice(raw, inner.bodyStart(), inner.bodyEnd()));
        assertEquals(rfc822.bodyEnd(), inner.bodyEnd());
    }

    @Test
    void bareLineFeedsGiveTheSameShape() {
        byte[] raw = lf(MIXED);
        MessagePart root = parse(raw).root();
        MessagePart plain = root.children().get(0).children().get(0);
        assertEquals("plain\ntwo", slice(raw, plain.bodyStart(), plain.bodyEnd()));
        assertEquals("nested body", slice(raw, root.children().get(2).message().orElseThrow().bodyStart(),
                root.children().get(2).message().orElseThrow().bodyEnd()));
    }

    @Test
    void bodyStructureOfMixedMessage() {
        String expected = "(((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 2 NIL NIL NIL NIL)"
                + "(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 1 NIL NIL NIL NIL)"
                + " \"alternative\" (\"boundary\" \"inner\") NIL NIL NIL)"
                + "(\"application\" \"pdf\" (\"name\" \"r.pdf\") NIL NIL \"base64\" 4 NIL (\"attachment\" (\"filename\" \"r.pdf\")) NIL NIL)"
                + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 60 (NIL \"inside\" ((\"Inner\" NIL \"in\" \"example.org\"))"
                + " ((\"Inner\" NIL \"in\" \"example.org\")) ((\"Inner\" NIL \"in\" \"example.org\")) NIL NIL NIL NIL NIL)"
                + " (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 1 NIL NIL NIL NIL) 4 NIL NIL NIL NIL)"
                + " \"mixed\" (\"boundary\" \"outer\") NIL NIL NIL)";
        assertEquals(expected, text(FetchStructureWriter.bodyStructure(parse(crlf(MIXED)))));
    }

    @Test
    void bodyHasNoExtensionData() {
        String expected = "(((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 2)"
                + "(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 1) \"alternative\")"
                + "(\"application\" \"pdf\" (\"name\" \"r.pdf\") NIL NIL \"base64\" 4)"
                + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 60 (NIL \"inside\" ((\"Inner\" NIL \"in\" \"example.org\"))"
                + " ((\"Inner\" NIL \"in\" \"example.org\")) ((\"Inner\" NIL \"in\" \"example.org\")) NIL NIL NIL NIL NIL)"
                + " (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 1) 4) \"mixed\")";
        assertEquals(expected, text(FetchStructureWriter.body(parse(crlf(MIXED)))));
    }

    @Test
    void noContentTypeIsTextPlainUsAscii7bit() {
        byte[] raw = crlf("Subject: hi\n\nline one\nline two\n");
        assertEquals("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 20 2 NIL NIL NIL NIL)",
                text(FetchStructureWriter.bodyStructure(parse(raw))));
    }

    @Test
    void rfc3501ExampleShapeForSimpleText() {
        byte[] raw = crlf("""
                Content-Type: TEXT/PLAIN; CHARSET=US-ASCII
                Content-ID: <x@y>
                Content-Description: a "quoted" \\ thing
                Content-Language: en, de
                Content-Location: http://example.com/a

                hello
                """);
        assertEquals("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") \"<x@y>\" \"a \\\"quoted\\\" \\\\ thing\""
                        + " \"7bit\" 7 1 NIL NIL (\"en\" \"de\") \"http://example.com/a\")",
                text(FetchStructureWriter.bodyStructure(parse(raw))));
    }

    @Test
    void boundaryNeverClosedEndsAtEndOfInput() {
        byte[] raw = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\nContent-Type: text/html\n\n<b>cut");
        MessagePart root = parse(raw).root();
        assertEquals(2, root.children().size());
        MessagePart last = root.children().get(1);
        assertEquals("<b>cut", slice(raw, last.bodyStart(), last.bodyEnd()));
        assertEquals(raw.length, root.bodyEnd());
    }

    @Test
    void multipartWithoutBoundaryIsPlainText() {
        byte[] raw = crlf("Content-Type: multipart/mixed\n\n--x\n\nbody\n");
        assertEquals("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 13 3)",
                text(FetchStructureWriter.body(parse(raw))));
    }

    @Test
    void multipartWithoutPartsShowsOneEmptyPart() {
        byte[] raw = crlf("Content-Type: multipart/mixed; boundary=zz\n\nno parts at all\n");
        assertEquals("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")",
                text(FetchStructureWriter.body(parse(raw))));
    }

    @Test
    void headerWithoutBodyOrBlankLine() {
        byte[] raw = crlf("Subject: only a header\n");
        MessagePart root = parse(raw).root();
        assertEquals(raw.length, root.bodyStart());
        assertEquals(0, root.bodySize());
    }

    @Test
    void emptyInputIsAnEmptyMessage() {
        MessageStructure structure = parse(new byte[0]);
        assertEquals(0, structure.size());
        assertEquals(0, structure.root().bodySize());
    }

    @Test
    void streamFailureIsReported() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk gone");
            }
        };
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> MessageStructure.parse(failing));
        assertTrue(e.getMessage().contains("disk gone"));
    }

    @Test
    void largeBodyIsStreamedWithExactSize() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            body.append("line ").append(i).append("\r\n");
        }
        byte[] raw = ("Content-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n\r\n" + body + "--q--\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        MessagePart part = MessageStructure.parse(new ByteArrayInputStream(raw)).root().children().get(0);
        assertEquals(body.length() - 2, part.bodySize());
        assertEquals(20000, part.bodyLines());
    }

    @Test
    void digestPartsDefaultToMessageRfc822() {
        byte[] raw = crlf("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d--\n");
        MessagePart part = parse(raw).root().children().get(0);
        assertEquals("message", part.type());
        assertEquals("first", slice(raw, part.message().orElseThrow().bodyStart(), part.message().orElseThrow().bodyEnd()));
        assertTrue(text(FetchStructureWriter.body(parse(raw))).startsWith(
                "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 21 (NIL \"one\" NIL NIL NIL NIL NIL NIL NIL NIL)"));
    }

    @Test
    void encodedMessageRfc822StaysALeafWithRawOffsets() {
        byte[] raw = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n"
                + "Content-Transfer-Encoding: base64\n\nU3ViamVjdDogeAoKeQo=\n--b--\n");
        MessagePart part = parse(raw).root().children().get(0);
        assertTrue(part.message().isEmpty());
        assertEquals("U3ViamVjdDogeAoKeQo=", slice(raw, part.bodyStart(), part.bodyEnd()));
    }

    @Test
    void eightBitParameterIsALiteralWithItsOctetCount() {
        byte[] raw = crlf("Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"bl\u00e5.bin\"\n\nx");
        assertEquals("(\"application\" \"octet-stream\" NIL NIL NIL \"7bit\" 1 NIL (\"attachment\" (\"filename\" {8}\r\nbl\u00e5.bin)) NIL NIL)",
                text(FetchStructureWriter.bodyStructure(parse(raw))));
    }
}
