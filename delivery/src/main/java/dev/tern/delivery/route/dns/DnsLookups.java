package dev.tern.delivery.route.dns;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.xbill.DNS.Record;
import org.xbill.DNS.lookup.InvalidZoneDataException;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.RedirectOverflowException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * Asks DNS one question at a time through dnsjava's asynchronous {@link LookupSession}, answering from the
 * {@link AnswerCache} when it can and sharing one query among callers that ask the same question at once.
 * Completes on dnsjava's threads; {@link DnsMxResolver} brings results back onto the caller's Vert.x context.
 */
final class DnsLookups {

  private static final System.Logger LOG = System.getLogger(DnsLookups.class.getName());

  private final CompletionStage<LookupSession> session;
  private final AnswerCache cache;
  private final DnsOptions options;
  private final MeterRegistry registry;
  private final ConcurrentHashMap<Question, CompletableFuture<DnsAnswer>> inFlight = new ConcurrentHashMap<>();

  DnsLookups(CompletionStage<LookupSession> session, AnswerCache cache, DnsOptions options, MeterRegistry registry) {
    this.session = session;
    this.cache = cache;
    this.options = options;
    this.registry = registry;
  }

  /** Never completes exceptionally: failures are answers of a failing kind. */
  CompletableFuture<DnsAnswer> lookup(Question question) {
    DnsAnswer cached = cache.get(question);
    if (cached != null) {
      Counter.builder("tern.dns.cache.hits").tag("type", question.typeName()).register(registry).increment();
      return CompletableFuture.completedFuture(cached);
    }
    CompletableFuture<DnsAnswer> fresh = new CompletableFuture<>();
    CompletableFuture<DnsAnswer> running = inFlight.putIfAbsent(question, fresh);
    if (running != null) {
      return running;
    }
    ask(question).whenComplete((result, error) -> {
      DnsAnswer answer = error == null ? positive(result) : classify(question, error);
      cache.put(question, answer);
      inFlight.remove(question, fresh);
      Counter.builder("tern.dns.lookups")
          .tag("type", question.typeName())
          .tag("result", answer.kind().metricTag)
          .register(registry)
          .increment();
      LOG.log(Level.DEBUG, () -> "dns " + question + " -> " + answer.kind() + " " + answer.detail());
      fresh.complete(answer);
    });
    return fresh;
  }

  private CompletionStage<LookupResult> ask(Question question) {
    return session.thenComposeAsync(s -> {
      try {
        return s.lookupAsync(question.name(), question.type());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }, DnsThreads.EXECUTOR);
  }

  private DnsAnswer positive(LookupResult result) {
    List<Record> records = result.getRecords();
    if (records.isEmpty()) {
      return new DnsAnswer(DnsAnswer.Kind.NO_RECORDS, List.of(), negativeTtl(), "no records");
    }
    long ttl = records.stream().mapToLong(Record::getTTL).min().orElse(0);
    return new DnsAnswer(DnsAnswer.Kind.RECORDS, records, Math.min(ttl, options.maxCacheTtl().toSeconds()), "");
  }

  private DnsAnswer classify(Question question, Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof NoSuchRRSetException) {
      return new DnsAnswer(DnsAnswer.Kind.NO_RECORDS, List.of(), negativeTtl(), "no records");
    }
    if (cause instanceof NoSuchDomainException) {
      return new DnsAnswer(DnsAnswer.Kind.NO_SUCH_DOMAIN, List.of(), negativeTtl(), "no such domain");
    }
    if (cause instanceof ServerFailedException) {
      return DnsAnswer.failure(DnsAnswer.Kind.SERVER_FAILED, "SERVFAIL");
    }
    if (cause instanceof RedirectOverflowException) {
      return DnsAnswer.failure(DnsAnswer.Kind.REDIRECT_LOOP, "CNAME loop or chain too long");
    }
    if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException || isTimeout(cause)) {
      return DnsAnswer.failure(DnsAnswer.Kind.TIMED_OUT, "timed out");
    }
    if (cause instanceof InvalidZoneDataException) {
      return DnsAnswer.failure(DnsAnswer.Kind.ERROR, "invalid zone data");
    }
    if (!(cause instanceof IOException) && !(cause instanceof org.xbill.DNS.lookup.LookupFailedException)) {
      LOG.log(Level.WARNING, "dns " + question + ": unexpected failure " + cause);
    }
    return DnsAnswer.failure(DnsAnswer.Kind.ERROR, String.valueOf(cause.getMessage()));
  }

  /** dnsjava's ExtendedResolver reports its overall timeout as a plain IOException. */
  private static boolean isTimeout(Throwable cause) {
    return cause instanceof IOException && cause.getMessage() != null
        && cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timed out");
  }

  private long negativeTtl() {
    return options.negativeCacheTtl().toSeconds();
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
