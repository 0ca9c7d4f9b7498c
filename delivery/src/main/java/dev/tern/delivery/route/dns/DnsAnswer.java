package dev.tern.delivery.route.dns;

import java.util.List;

import org.xbill.DNS.Record;

/**
 * The classified outcome of one DNS question (name, type). Lookups never fail exceptionally: a failure is an
 * answer of a failing {@link Kind}, so callers combine answers without exception plumbing.
 *
 * @param kind    what came back
 * @param records the records of the asked type when {@link Kind#RECORDS}, else empty
 * @param ttlSeconds how long this answer may be cached (0 = not at all)
 * @param detail  a short human reason for logs and replies, e.g. "SERVFAIL" or "timed out"
 */
record DnsAnswer(Kind kind, List<Record> records, long ttlSeconds, String detail) {

  enum Kind {
    RECORDS("ok", false),
    /** The name exists but has no record of the type (NODATA). */
    NO_RECORDS("nodata", false),
    /** NXDOMAIN. */
    NO_SUCH_DOMAIN("nxdomain", false),
    SERVER_FAILED("servfail", true),
    TIMED_OUT("timeout", true),
    /** A CNAME/DNAME chain that loops or is longer than the redirect limit. */
    REDIRECT_LOOP("loop", true),
    /** Anything else that went wrong talking to DNS (REFUSED, malformed answer, I/O error). */
    ERROR("error", true);

    final String metricTag;
    final boolean temporary;

    Kind(String metricTag, boolean temporary) {
      this.metricTag = metricTag;
      this.temporary = temporary;
    }
  }

  DnsAnswer {
    records = List.copyOf(records);
  }

  static DnsAnswer failure(Kind kind, String detail) {
    return new DnsAnswer(kind, List.of(), 0, detail);
  }

  boolean temporaryFailure() {
    return kind.temporary;
  }
}
