package dev.tern.access.imap.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A cursor over one {@link ImapCommandLine} that reads the RFC 3501 grammar elements: SP, atoms, numbers,
 * quoted strings, literals, astring/nstring and parentheses. Each reader method consumes what it read or
 * throws {@link BadSyntax}; a literal is reached by reading its {@code {n}} announcement at the end of a
 * segment, after which the cursor moves to the start of the next segment.
 */
final class ArgumentReader {

  static final long MAX_NUMBER = 0xffff_ffffL;
  static final int MAX_DEPTH = 32;

  private final List<byte[]> segments;
  private final List<ImapCommandLine.Literal> literals;
  private int segment;
  private int pos;
  private int depth;

  ArgumentReader(ImapCommandLine line) {
    this.segments = line.segments().stream().map(b -> b.getBytes()).toList();
    this.literals = line.literals();
  }

  /** The current octet, or -1 at the end of a segment. */
  int peek() {
    byte[] bytes = segments.get(segment);
    return pos < bytes.length ? bytes[pos] & 0xff : -1;
  }

  boolean atEnd() {
    return segment == segments.size() - 1 && pos == segments.get(segment).length;
  }

  void end() {
    if (!atEnd()) {
      throw new BadSyntax("unexpected characters at the end of the command");
    }
  }

  void sp() {
    expect(' ');
  }

  /** Consumes {@code c} if it is next. */
  boolean skip(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  void expect(char c) {
    if (!skip(c)) {
      throw new BadSyntax(atEnd() ? "missing '" + c + "' at the end of the command" : "expected '" + c + "'");
    }
  }

  /** Opens a parenthesised list, counting nesting against {@link #MAX_DEPTH}. */
  void open() {
    expect('(');
    enter();
  }

  /** Consumes ')' if it is next, closing one level. */
  boolean close() {
    if (skip(')')) {
      depth--;
      return true;
    }
    return false;
  }

  /** Counts one level of nesting (lists, NOT/OR operands) and fails past the limit. */
  void enter() {
    if (++depth > MAX_DEPTH) {
      throw new BadSyntax("nested too deeply");
    }
  }

  void leave() {
    depth--;
  }

  /** One or more ATOM-CHARs. */
  String atom() {
    return run(ImapSyntax::isAtomChar, "expected an atom");
  }

  /** An atom that may also contain ']' (ASTRING-CHAR), as in flags or section-free astrings. */
  String astringAtom() {
    return run(ImapSyntax::isAstringChar, "expected an atom");
  }

  /** An atom or the wildcards of a LIST pattern. */
  String listAtom() {
    return run(ImapSyntax::isListChar, "expected a mailbox pattern");
  }

  /** An atom made of characters the predicate accepts, at least one. */
  String run(java.util.function.IntPredicate allowed, String error) {
    byte[] bytes = segments.get(segment);
    int from = pos;
    while (pos < bytes.length && allowed.test(bytes[pos] & 0xff)) {
      pos++;
    }
    if (pos == from) {
      throw new BadSyntax(atEnd() ? "missing argument" : error);
    }
    return new String(bytes, from, pos - from, StandardCharsets.US_ASCII);
  }

  /** Whether the next atom is exactly {@code word} (case-insensitive) followed by a non-atom character. */
  boolean peekWord(String word) {
    byte[] bytes = segments.get(segment);
    int end = pos + word.length();
    if (end > bytes.length || (end < bytes.length && ImapSyntax.isAtomChar(bytes[end] & 0xff))) {
      return false;
    }
    return new String(bytes, pos, word.length(), StandardCharsets.US_ASCII).equalsIgnoreCase(word);
  }

  /** Consumes {@code word} if {@link #peekWord} says it is next. */
  boolean skipWord(String word) {
    if (peekWord(word)) {
      pos += word.length();
      return true;
    }
    return false;
  }

  /** A number 0..2^32-1. */
  long number() {
    return digits(MAX_NUMBER, "expected a number");
  }

  /** A number 1..2^32-1. */
  long nzNumber() {
    long value = number();
    if (value == 0) {
      throw new BadSyntax("number must not be zero");
    }
    return value;
  }

  /** A mod-sequence value 0..2^63-1 (RFC 7162). */
  long modSeq() {
    return digits(Long.MAX_VALUE, "expected a mod-sequence");
  }

  private long digits(long max, String error) {
    byte[] bytes = segments.get(segment);
    int from = pos;
    long value = 0;
    while (pos < bytes.length && bytes[pos] >= '0' && bytes[pos] <= '9') {
      int digit = bytes[pos] - '0';
      if (value > (max - digit) / 10) {
        throw new BadSyntax("number out of range");
      }
      value = value * 10 + digit;
      pos++;
    }
    if (pos == from) {
      throw new BadSyntax(error);
    }
    return value;
  }

  /** astring: an atom (']' allowed) or a string. */
  String astring() {
    int c = peek();
    return c == '"' || c == '{' ? string() : astringAtom();
  }

  /** nstring: NIL or a string; null for NIL. */
  String nstring() {
    return skipWord("NIL") ? null : string();
  }

  /** A quoted string or a literal, as text. */
  String string() {
    if (peek() == '"') {
      return quoted();
    }
    ImapCommandLine.Literal literal = literal();
    if (literal.isStreamed()) {
      throw new BadSyntax("literal not expected here");
    }
    return literal.data().toString(StandardCharsets.UTF_8);
  }

  /** A quoted string with \\ and \" escapes; 8-bit octets are read as UTF-8. */
  String quoted() {
    expect('"');
    byte[] bytes = segments.get(segment);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    while (pos < bytes.length) {
      int c = bytes[pos++] & 0xff;
      if (c == '"') {
        return out.toString(StandardCharsets.UTF_8);
      }
      if (c == '\\') {
        int escaped = pos < bytes.length ? bytes[pos++] & 0xff : -1;
        if (escaped != '"' && escaped != '\\') {
          throw new BadSyntax("bad escape in quoted string");
        }
        c = escaped;
      } else if (c == 0 || c == '\r' || c == '\n') {
        throw new BadSyntax("control character in quoted string");
      }
      out.write(c);
    }
    throw new BadSyntax("unterminated quoted string");
  }

  /** A literal: its {@code {n}} / {@code {n+}} announcement must end the current segment. */
  ImapCommandLine.Literal literal() {
    expect('{');
    long size = digits(Long.MAX_VALUE, "expected a literal size");
    skip('+');
    expect('}');
    if (pos != segments.get(segment).length || segment >= literals.size()) {
      throw new BadSyntax("a literal announcement must end the line");
    }
    ImapCommandLine.Literal literal = literals.get(segment);
    if (literal.size() != size) {
      throw new BadSyntax("literal size mismatch");
    }
    segment++;
    pos = 0;
    return literal;
  }

  /** A quoted string, a literal or an atom holding the text of a date or date-time. */
  String dateText() {
    int c = peek();
    return c == '"' ? quoted() : c == '{' ? string() : atom();
  }
}
