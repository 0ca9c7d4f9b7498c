package dev.tern.access.imap.internal.codec;

import java.time.LocalDate;
import java.util.List;

/**
 * A SEARCH criterion tree (RFC 3501 section 6.4.4, MODSEQ from RFC 7162). The keys of the RFC map onto a few
 * node types: ANSWERED/UNANSWERED/KEYWORD/... become {@link Flag}, NEW becomes RECENT AND UNSEEN, OLD becomes
 * NOT RECENT, a list of keys (top level or parenthesised) becomes {@link And}.
 */
public sealed interface SearchKey {

  /** ALL. */
  record All() implements SearchKey {
  }

  /** A system flag ("\Seen", "\Recent", ...) or keyword that must be set ({@code present}) or not. */
  record Flag(String flag, boolean present) implements SearchKey {
  }

  /** BCC, CC, FROM, SUBJECT, TO and HEADER: the field (upper-cased for the named keys) contains the text. */
  record Header(String field, String text) implements SearchKey {
  }

  /** BODY (body only) or TEXT (header and body) contains the text. */
  record Contains(boolean wholeText, String text) implements SearchKey {
  }

  /** BEFORE/ON/SINCE (internal date) and SENTBEFORE/SENTON/SENTSINCE (Date: header), dates without time. */
  record Date(boolean sent, DateComparison comparison, LocalDate date) implements SearchKey {
  }

  enum DateComparison { BEFORE, ON, SINCE }

  /** LARGER n ({@code larger}) or SMALLER n, in octets of RFC822.SIZE. */
  record Size(boolean larger, long octets) implements SearchKey {
  }

  /** A sequence set of message numbers, or of UIDs with the UID key. */
  record Messages(boolean byUid, SequenceSet set) implements SearchKey {
  }

  /** MODSEQ: messages whose mod-sequence is at least {@code modSeq} (entry name and type are ignored). */
  record ModSeq(long modSeq) implements SearchKey {
  }

  record Not(SearchKey key) implements SearchKey {
  }

  record Or(SearchKey left, SearchKey right) implements SearchKey {
  }

  record And(List<SearchKey> keys) implements SearchKey {
    public And {
      keys = List.copyOf(keys);
    }
  }
}
