package dev.tern.access.imap.internal.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * One streaming mime4j pass over a message for SEARCH: collects the top-level header fields (decoded) and
 * looks for the search strings in the body as a reader sees it: every text/* part with its transfer encoding
 * (base64, quoted-printable) and charset decoded, and the headers of encapsulated messages. Parts' own MIME
 * headers are not searched. Reading stops as soon as nothing more can change the answer: after the header when
 * no body string is wanted, or once every string has been found. Only the header fields the search reads are
 * decoded. Blocking: run on a worker.
 */
final class ContentScanner {

  /** Header text kept per message; a header beyond this (an attack, not mail) is searched only this far. */
  static final int MAX_HEADER_CHARS = 256 * 1024;

  private final Set<String> headerFields;
  private final Set<String> bodyNeedles;

  /**
   * @param headerFields lower-case names of the top-level fields to decode and keep, null for all of them
   * @param bodyNeedles  folded strings wanted in the body; empty to read the header only
   */
  ContentScanner(Set<String> headerFields, Set<String> bodyNeedles) {
    this.headerFields = headerFields == null ? null : Set.copyOf(headerFields);
    this.bodyNeedles = Set.copyOf(bodyNeedles);
  }

  ScannedFacts scan(InputStream raw) throws IOException {
    MimeConfig config = new MimeConfig.Builder()
        .setMaxLineLen(-1)
        .setMaxHeaderCount(-1)
        .setMaxHeaderLen(-1)
        .setMaxContentLen(-1)
        .build();
    MimeTokenStream tokens = new MimeTokenStream(config);
    tokens.setRecursionMode(RecursionMode.M_RECURSE);
    tokens.parse(raw);
    List<ScannedFacts.Field> fields = new ArrayList<>();
    NeedleFinder finder = new NeedleFinder(bodyNeedles);
    int headerChars = 0;
    boolean topLevel = true;
    boolean messageHeader = true;
    try {
      for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
        switch (state) {
          case T_START_MESSAGE -> messageHeader = true;
          case T_START_BODYPART -> messageHeader = false;
          case T_FIELD -> {
            if (topLevel && headerChars < MAX_HEADER_CHARS && wanted(tokens.getField())) {
              ScannedFacts.Field field = decode(tokens.getField());
              headerChars += field.value().length();
              fields.add(field);
            } else if (!topLevel && messageHeader && !finder.allFound()) {
              ScannedFacts.Field field = decode(tokens.getField());
              finder.feed(field.lowerCaseName() + ": " + field.value());
              finder.endOfText();
            }
          }
          case T_END_HEADER -> {
            if (topLevel) {
              topLevel = false;
              if (finder.allFound()) {
                return new ScannedFacts(fields, finder.found());
              }
            }
          }
          case T_BODY -> {
            BodyDescriptor body = tokens.getBodyDescriptor();
            if ("text".equals(body.getMediaType())) {
              search(tokens.getDecodedInputStream(), charset(body.getCharset()), finder);
              if (finder.allFound()) {
                return new ScannedFacts(fields, finder.found());
              }
            }
          }
          default -> {
          }
        }
      }
    } catch (MimeException e) {
      // Only thrown for limits switched off above.
      throw new IOException("mime4j refused the message: " + e.getMessage(), e);
    }
    return new ScannedFacts(fields, finder.found());
  }

  private boolean wanted(Field field) {
    return headerFields == null || headerFields.contains(field.getName().trim().toLowerCase(Locale.ROOT));
  }

  private static ScannedFacts.Field decode(Field field) {
    byte[] raw = field.getRaw() != null ? field.getRaw().toByteArray() : null;
    String name = field.getName().trim().toLowerCase(Locale.ROOT);
    if (raw == null) {
      return new ScannedFacts.Field(name, HeaderText.decode(field.getBody() == null ? "" : field.getBody()));
    }
    int colon = 0;
    while (colon < raw.length && raw[colon] != ':') {
      colon++;
    }
    byte[] value = colon < raw.length ? java.util.Arrays.copyOfRange(raw, colon + 1, raw.length) : new byte[0];
    return new ScannedFacts.Field(name, HeaderText.decode(value));
  }

  private static void search(InputStream decoded, Charset charset, NeedleFinder finder) throws IOException {
    Reader reader = new InputStreamReader(decoded, charset);
    char[] chunk = new char[8192];
    int n;
    while (!finder.allFound() && (n = reader.read(chunk)) >= 0) {
      finder.feed(chunk, n);
    }
    finder.endOfText();
  }

  /**
   * The declared charset; US-ASCII is read as UTF-8 (its superset, since mislabelled 8-bit text is common),
   * and an unknown charset as ISO-8859-1 so that at least ASCII text matches.
   */
  static Charset charset(String name) {
    if (name == null || name.isBlank() || name.equalsIgnoreCase("us-ascii")) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name.strip());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return StandardCharsets.ISO_8859_1;
    }
  }
}
