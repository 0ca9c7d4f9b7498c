package dev.tern.access.imap.internal.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The structures of the messages fetched last, least recently used dropped first, so a second FETCH of the
 * same message does not parse it again. A UID names the same bytes for the life of a UIDVALIDITY, which is
 * why the key holds both. Thread-safe; {@link #get} parses outside the lock, so two threads asking for the
 * same new message may both parse it (the results are equal).
 */
public final class StructureCache {

    /** Which stored message a structure belongs to. */
    public record Key(String mailbox, long uidValidity, long uid) {
    }

    /** Opens the raw message; called only on a miss, on the caller's (worker) thread. */
    @FunctionalInterface
    public interface MessageSource {
        InputStream open() throws IOException;
    }

    private final Map<Key, MessageStructure> entries;

    public StructureCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, MessageStructure> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached structure, or the one parsed from {@code source} (blocking: run on a worker). */
    public MessageStructure get(Key key, MessageSource source) throws IOException {
        synchronized (entries) {
            MessageStructure cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        MessageStructure parsed;
        try (InputStream in = source.open()) {
            parsed = MessageStructure.parse(in);
        }
        synchronized (entries) {
            entries.put(key, parsed);
        }
        return parsed;
    }

    /**
     * The cached structure without parsing on a miss: cheap enough for an event loop, so a FETCH of
     * structures already known costs no worker hop.
     */
    public Optional<MessageStructure> cached(Key key) {
        synchronized (entries) {
            return Optional.ofNullable(entries.get(key));
        }
    }

    /** Adds a structure parsed elsewhere (from bytes already in memory, or a stream bridged to a worker). */
    public void put(Key key, MessageStructure structure) {
        synchronized (entries) {
            entries.put(key, structure);
        }
    }

    /** Forgets a message (after EXPUNGE) so its entry does not hold a slot. */
    public void remove(Key key) {
        synchronized (entries) {
            entries.remove(key);
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
