package dev.tern.access.imap.internal.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class StructureCacheTest {

    private final AtomicInteger opened = new AtomicInteger();

    private StructureCache.MessageSource source(String text) {
        return () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(Fixtures.crlf(text));
        };
    }

    @Test
    void secondFetchDoesNotParseAgain() throws IOException {
        StructureCache cache = new StructureCache(2);
        StructureCache.Key key = new StructureCache.Key("alice@example.com/INBOX", 7, 1);
        MessageStructure first = cache.get(key, source("Subject: a\n\nx\n"));
        assertSame(first, cache.get(key, source("Subject: a\n\nx\n")));
        assertEquals(1, opened.get());
    }

    @Test
    void leastRecentlyUsedIsDropped() throws IOException {
        StructureCache cache = new StructureCache(2);
        StructureCache.Key one = new StructureCache.Key("m", 1, 1);
        StructureCache.Key two = new StructureCache.Key("m", 1, 2);
        StructureCache.Key three = new StructureCache.Key("m", 1, 3);
        cache.get(one, source("\n1\n"));
        cache.get(two, source("\n2\n"));
        cache.get(one, source("\n1\n"));
        cache.get(three, source("\n3\n"));
        assertEquals(3, opened.get());
        cache.get(one, source("\n1\n"));
        assertEquals(3, opened.get());
        cache.get(two, source("\n2\n"));
        assertEquals(4, opened.get());
        assertEquals(2, cache.size());
    }

    @Test
    void failedReadIsNotCachedAndNewUidValidityIsADifferentMessage() throws IOException {
        StructureCache cache = new StructureCache(4);
        StructureCache.Key key = new StructureCache.Key("m", 1, 1);
        assertThrows(IOException.class, () -> cache.get(key, () -> {
            throw new IOException("gone");
        }));
        assertEquals(0, cache.size());
        cache.get(key, source("\nx\n"));
        cache.get(new StructureCache.Key("m", 2, 1), source("\nx\n"));
        assertEquals(2, opened.get());
        cache.remove(key);
        assertEquals(1, cache.size());
        assertThrows(IllegalArgumentException.class, () -> new StructureCache(0));
    }
}
