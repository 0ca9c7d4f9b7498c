package dev.tern.access.imap.internal.mime;

import static dev.tern.access.imap.internal.mime.Fixtures.crlf;
import static dev.tern.access.imap.internal.mime.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tern.access.imap.internal.mime.SectionSpec.Text;
import org.junit.jupiter.api.Test;

class SectionResolverTest {

    private final byte[] raw = crlf(MessageStructureTest.MIXED);
    private final MessageStructure structure = parse(raw);

    private String fetch(SectionSpec spec) {
        SectionContent content = SectionResolver.resolve(structure, spec).orElseThrow();
        byte[] bytes = content.materialise(raw);
        assertEquals(bytes.length, content.length());
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void wholeMessageAndItsHeaderAndText() {
        assertEquals(new String(raw, StandardCharsets.UTF_8), fetch(SectionSpec.of(List.of(), Text.CONTENT)));
        String header = fetch(SectionSpec.of(List.of(), Text.HEADER));
        assertTrue(header.startsWith("From: a@example.com\r\n"));
        assertTrue(header.endsWith("boundary=\"outer\"\r\n\r\n"));
        assertTrue(fetch(SectionSpec.of(List.of(), Text.TEXT)).startsWith("preamble\r\n--outer\r\n"));
    }

    @Test
    void nestedPartNumbers() {
        assertEquals("plain\r\ntwo", fetch(SectionSpec.of(List.of(1, 1), Text.CONTENT)));
        assertEquals("<p>html</p>", fetch(SectionSpec.of(List.of(1, 2), Text.CONTENT)));
        assertEquals("Content-Type: text/html\r\n\r\n", fetch(SectionSpec.of(List.of(1, 2), Text.MIME)));
        assertEquals("QUJD", fetch(SectionSpec.of(List.of(2), Text.CONTENT)));
    }

    @Test
    void messageRfc822PartHeaderTextAndSubparts() {
        assertEquals("From: Inner <in@example.org>\r\nSubject: inside\r\n\r\n",
                fetch(SectionSpec.of(List.of(3), Text.HEADER)));
        assertEquals("nested body", fetch(SectionSpec.of(List.of(3), Text.TEXT)));
        assertEquals("Content-Type: message/rfc822\r\n\r\n", fetch(SectionSpec.of(List.of(3), Text.MIME)));
        // 3.1 is the body of the non-multipart encapsulated message.
        assertEquals("nested body", fetch(SectionSpec.of(List.of(3, 1), Text.CONTENT)));
        assertTrue(fetch(SectionSpec.of(List.of(3), Text.CONTENT)).startsWith("From: Inner"));
    }

    @Test
    void headerFieldsAndNotAddTheBlankLine() {
        assertEquals("Subject: mixed\r\nFrom: a@example.com\r\n\r\n".length(),
                fetch(SectionSpec.of(List.of(), Text.HEADER_FIELDS, "SUBJECT", "from")).length());
        assertEquals("From: a@example.com\r\nSubject: mixed\r\n\r\n",
                fetch(SectionSpec.of(List.of(), Text.HEADER_FIELDS, "SUBJECT", "from")));
        assertEquals("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n",
                fetch(SectionSpec.of(List.of(), Text.HEADER_FIELDS_NOT, "Subject", "From")));
        assertEquals("\r\n", fetch(SectionSpec.of(List.of(), Text.HEADER_FIELDS, "X-Absent")));
        assertEquals("Subject: inside\r\n\r\n", fetch(SectionSpec.of(List.of(3), Text.HEADER_FIELDS, "subject")));
    }

    @Test
    void singlePartMessagePartOneIsTheBody() {
        byte[] simple = crlf("Subject: s\n\nbody\n");
        MessageStructure s = parse(simple);
        SectionContent one = SectionResolver.resolve(s, SectionSpec.of(List.of(1), Text.CONTENT)).orElseThrow();
        assertEquals("body\r\n", new String(one.materialise(simple), StandardCharsets.UTF_8));
        SectionContent mime = SectionResolver.resolve(s, SectionSpec.of(List.of(1), Text.MIME)).orElseThrow();
        assertEquals("Subject: s\r\n\r\n", new String(mime.materialise(simple), StandardCharsets.UTF_8));
        assertTrue(SectionResolver.resolve(s, SectionSpec.of(List.of(2), Text.CONTENT)).isEmpty());
    }

    @Test
    void partialFetchClipsAcrossPieces() {
        SectionSpec fields = SectionSpec.of(List.of(), Text.HEADER_FIELDS, "subject");
        assertEquals("ject: mi", fetch(fields.partial(3, 8)));
        assertEquals("d\r\n\r", fetch(fields.partial(13, 4)));
        assertEquals("\n", fetch(fields.partial(17, 100)));
        assertEquals("", fetch(fields.partial(500, 10)));
        assertEquals("pla", fetch(SectionSpec.of(List.of(1, 1), Text.CONTENT).partial(0, 3)));
        assertEquals("", fetch(SectionSpec.of(List.of(1, 1), Text.CONTENT).partial(2, 0)));
    }

    @Test
    void sectionsThatDoNotExistAreEmpty() {
        assertTrue(SectionResolver.resolve(structure, SectionSpec.of(List.of(4), Text.CONTENT)).isEmpty());
        assertTrue(SectionResolver.resolve(structure, SectionSpec.of(List.of(2, 1), Text.CONTENT)).isEmpty());
        assertTrue(SectionResolver.resolve(structure, SectionSpec.of(List.of(2), Text.HEADER)).isEmpty());
        assertTrue(SectionResolver.resolve(structure, SectionSpec.of(List.of(9, 9, 9), Text.TEXT)).isEmpty());
    }

    @Test
    void invalidSpecsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SectionSpec.of(List.of(0), Text.CONTENT));
        assertThrows(IllegalArgumentException.class, () -> SectionSpec.of(List.of(), Text.MIME));
        assertThrows(IllegalArgumentException.class, () -> SectionSpec.of(List.of(1), Text.CONTENT).partial(-1, 2));
    }
}
