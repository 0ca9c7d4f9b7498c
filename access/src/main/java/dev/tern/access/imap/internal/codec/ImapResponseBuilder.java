package dev.tern.access.imap.internal.codec;

import io.vertx.core.buffer.Buffer;
import java.time.OffsetDateTime;
import java.util.Collection;

/**
 * Builds one response: {@code tag|* [status [code]] data... text CRLF} or a {@code +} continuation. Data
 * written between {@link #untagged()} and {@link #build()} may contain literals, whose CRLFs are part of the
 * response; only {@link #text} refuses CR and LF, so a human-readable message cannot split the response.
 *
 * <pre>{@code
 * ImapResponseBuilder.tagged("a1").ok(ImapResponseCode.READ_WRITE).text("SELECT completed").build();
 * ImapResponseBuilder.untagged().number(3).atom("FETCH").open().atom("FLAGS").sp().flags(flags).close().build();
 * }</pre>
 */
public final class ImapResponseBuilder {

  public enum Status { OK, NO, BAD, PREAUTH, BYE }

  private final Buffer out = Buffer.buffer(64);
  /** Whether the next token needs a separating space. */
  private boolean separate;

  private ImapResponseBuilder(String prefix) {
    out.appendString(prefix, "US-ASCII");
    separate = true;
  }

  public static ImapResponseBuilder untagged() {
    return new ImapResponseBuilder("*");
  }

  public static ImapResponseBuilder tagged(String tag) {
    if (!ImapSyntax.isTag(tag)) {
      throw new IllegalArgumentException("bad tag");
    }
    return new ImapResponseBuilder(tag);
  }

  /** {@code + text}: a command continuation request (literal, AUTHENTICATE challenge, IDLE). */
  public static ImapResponseBuilder continuation() {
    return new ImapResponseBuilder("+");
  }

  public ImapResponseBuilder ok(ImapResponseCode code) {
    return status(Status.OK, code);
  }

  public ImapResponseBuilder no(ImapResponseCode code) {
    return status(Status.NO, code);
  }

  public ImapResponseBuilder bad(ImapResponseCode code) {
    return status(Status.BAD, code);
  }

  /** The status word and an optional response code (null for none). */
  public ImapResponseBuilder status(Status status, ImapResponseCode code) {
    atom(status.name());
    if (code != null) {
      space();
      out.appendString("[" + code.text() + "]", "US-ASCII");
    }
    return this;
  }

  /** Writes an atom as is (command names, data item names, numbers as text). */
  public ImapResponseBuilder atom(String atom) {
    space();
    out.appendString(atom, "US-ASCII");
    return this;
  }

  public ImapResponseBuilder number(long value) {
    return atom(Long.toString(value));
  }

  public ImapResponseBuilder string(String text) {
    space();
    ImapStrings.string(out, text);
    return this;
  }

  public ImapResponseBuilder astring(String text) {
    space();
    ImapStrings.astring(out, text);
    return this;
  }

  public ImapResponseBuilder nstring(String text) {
    space();
    ImapStrings.nstring(out, text);
    return this;
  }

  public ImapResponseBuilder mailbox(String name) {
    space();
    ImapStrings.mailbox(out, name);
    return this;
  }

  public ImapResponseBuilder flags(Collection<String> flags) {
    space();
    ImapStrings.flagList(out, flags);
    return this;
  }

  /** An INTERNALDATE-style quoted date-time. */
  public ImapResponseBuilder dateTime(OffsetDateTime time) {
    return atom(ImapDates.formatDateTime(time));
  }

  /** A literal of raw octets, e.g. a message section in FETCH. */
  public ImapResponseBuilder literal(Buffer octets) {
    space();
    out.appendString("{" + octets.length() + "}\r\n").appendBuffer(octets);
    return this;
  }

  /** Opens a parenthesised list; the first item inside gets no leading space. */
  public ImapResponseBuilder open() {
    space();
    out.appendByte((byte) '(');
    separate = false;
    return this;
  }

  public ImapResponseBuilder close() {
    out.appendByte((byte) ')');
    separate = true;
    return this;
  }

  /** Human-readable text, the last thing on the line. */
  public ImapResponseBuilder text(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IllegalArgumentException("response text must be one line");
      }
    }
    space();
    out.appendString(text, "UTF-8");
    return this;
  }

  /** The response with its CRLF. */
  public Buffer build() {
    return out.copy().appendString("\r\n");
  }

  private void space() {
    if (separate) {
      out.appendByte((byte) ' ');
    }
    separate = true;
  }
}
