package dev.tern.access.imap.internal.mime;

import static dev.tern.access.imap.internal.mime.Fixtures.crlf;
import static dev.tern.access.imap.internal.mime.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tern.access.imap.internal.codec.SectionSpec;
import dev.tern.access.imap.internal.codec.SectionSpec.Kind;
import org.junit.jupiter.api.Test;

class SectionResolverTest {

    private final byte[] raw = crlf(MessageStructureTest.MIXED);
    private final MessageStructure structure = parse(raw);

    private static SectionSpec spec(List<Integer> part, Kind kind, String... fields) {
        return new SectionSpec(part, kind, List.of(fields));
    }

    private String fetch(SectionSpec spec) {
        return fetch(SectionResolver.resolve(structure, spec).orElseThrow());
    }

    private String fetch(SectionContent content) {
        byte[] bytes = content.materialise(raw);
        assertEquals(bytes.length, content.length());
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void wholeMessageAndItsHeaderAndText() {
        assertEquals(new String(raw, StandardCharsets.UTF_8), fetch(spec(List.of(), Kind.ALL)));
        String header = fetch(spec(List.of(), Kind.HEADER));
        assertTrue(header.startsWith("From: a@example.com\r\n"));
        assertTrue(header.endsWith("boundary=\"outer\"\r\n\r\n"));
        assertTrue(fetch(spec(List.of(), Kind.TEXT)).startsWith("preamble\r\n--outer\r\n"));
    }

    @Test
    void nestedPartNumbers() {
        assertEquals("plain\r\ntwo", fetch(spec(List.of(1, 1), Kind.ALL)));
        assertEquals("<p>html</p>", fetch(spec(List.of(1, 2), Kind.ALL)));
        assertEquals("Content-Type: text/html\r\n\r\n", fetch(spec(List.of(1, 2), Kind.MIME)));
        assertEquals("QUJD", fetch(spec(List.of(2), Kind.ALL)));
    }

    @Test
    void messageRfc822PartHeaderTextAndSubparts() {
        assertEquals("From: Inner <in@example.org>\r\nSubject: inside\r\n\r\n",
                fetch(spec(List.of(3), Kind.HEADER)));
        assertEquals("nested body", fetch(spec(List.of(3), Kind.TEXT)));
        assertEquals("Content-Type: message/rfc822\r\n\r\n", fetch(spec(List.of(3), Kind.MIME)));
        // 3.1 is the body of the non-multipart encapsulated message.
        assertEquals("nested body", fetch(spec(List.of(3, 1), Kind.ALL)));
        assertTrue(fetch(spec(List.of(3), Kind.ALL)).startsWith("From: Inner"));
    }

    @Test
    void headerFieldsAndNotAddTheBlankLine() {
        assertEquals("Subject: mixed\r\nFrom: a@example.com\r\n\r\n".length(),
                fetch(spec(List.of(), Kind.HEADER_FIELDS, "SUBJECT", "from")).length());
        assertEquals("From: a@example.com\r\nSubject: mixed\r\n\r\n",
                fetch(spec(List.of(), Kind.HEADER_FIELDS, "SUBJECT", "from")));
        assertEquals("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n",
                fetch(spec(List.of(), Kind.HEADER_FIELDS_NOT, "Subject", "From")));
        assertEquals("\r\n", fetch(spec(List.of(), Kind.HEADER_FIELDS, "X-Absent")));
        assertEquals("Subject: inside\r\n\r\n", fetch(spec(List.of(3), Kind.HEADER_FIELDS, "subject")));
    }

    @Test
    void singlePartMessagePartOneIsTheBody() {
        byte[] simple = crlf("Subject: s\n\nbody\n");
        MessageStructure s = parse(simple);
        SectionContent one = SectionResolver.resolve(s, spec(List.of(1), Kind.ALL)).orElseThrow();
        assertEquals("body\r\n", new String(one.materialise(simple), StandardCharsets.UTF_8));
        SectionContent mime = SectionResolver.resolve(s, spec(List.of(1), Kind.MIME)).orElseThrow();
        assertEquals("Subject: s\r\n\r\n", new String(mime.materialise(simple), StandardCharsets.UTF_8));
        assertTrue(SectionResolver.resolve(s, spec(List.of(2), Kind.ALL)).isEmpty());
    }

    @Test
    void partialFetchClipsAcrossPieces() {
        SectionContent fields = SectionResolver.resolve(structure, spec(List.of(), Kind.HEADER_FIELDS, "subject"))
                .orElseThrow();
        assertEquals("ject: mi", fetch(fields.partial(3, 8)));
        assertEquals("d\r\n\r", fetch(fields.partial(13, 4)));
        assertEquals("\n", fetch(fields.partial(17, 100)));
        assertEquals("", fetch(fields.partial(500, 10)));
        SectionContent plain = SectionResolver.resolve(structure, spec(List.of(1, 1), Kind.ALL)).orElseThrow();
        assertEquals("pla", fetch(plain.partial(0, 3)));
        assertEquals("", fetch(plain.partial(2, 0)));
        assertEquals("From", fetch(SectionContent.whole(raw.length).partial(0, 4)));
    }

    @Test
    void sectionsThatDoNotExistAreEmpty() {
        assertTrue(SectionResolver.resolve(structure, spec(List.of(4), Kind.ALL)).isEmpty());
        assertTrue(SectionResolver.resolve(structure, spec(List.of(2, 1), Kind.ALL)).isEmpty());
        assertTrue(SectionResolver.resolve(structure, spec(List.of(2), Kind.HEADER)).isEmpty());
        assertTrue(SectionResolver.resolve(structure, spec(List.of(9, 9, 9), Kind.TEXT)).isEmpty());
    }

    @Test
    void invalidSpecsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> spec(List.of(0), Kind.ALL));
        assertThrows(IllegalArgumentException.class, () -> spec(List.of(), Kind.MIME));
        assertThrows(IllegalArgumentException.class, () -> SectionContent.whole(10).partial(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> spec(List.of(), Kind.HEADER_FIELDS));
    }
}
