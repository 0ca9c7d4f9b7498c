package dev.tern.delivery.route.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** The TTL and LRU rules with a hand-driven clock. */
class AnswerCacheTest {

  private final AtomicLong now = new AtomicLong(1_000);

  private static Question question(String name) throws Exception {
    return new Question(Name.fromString(name + "."), Type.MX);
  }

  private static DnsAnswer answer(long ttl) {
    return new DnsAnswer(DnsAnswer.Kind.NO_RECORDS, List.of(), ttl, "");
  }

  @Test
  void anEntryLivesForItsTtlExactly() throws Exception {
    AnswerCache cache = new AnswerCache(10, now::get);
    DnsAnswer a = answer(2);
    cache.put(question("a.example"), a);

    now.addAndGet(1_999_999_999L);
    assertSame(a, cache.get(question("A.EXAMPLE")));
    now.addAndGet(1);
    assertNull(cache.get(question("a.example")));
    assertEquals(0, cache.size());
  }

  @Test
  void zeroTtlAndFailuresAreNotKept() throws Exception {
    AnswerCache cache = new AnswerCache(10, now::get);
    cache.put(question("a.example"), answer(0));
    cache.put(question("b.example"), DnsAnswer.failure(DnsAnswer.Kind.SERVER_FAILED, "SERVFAIL"));

    assertNull(cache.get(question("a.example")));
    assertNull(cache.get(question("b.example")));
  }

  @Test
  void theLeastRecentlyUsedEntryLeavesWhenFull() throws Exception {
    AnswerCache cache = new AnswerCache(2, now::get);
    cache.put(question("a.example"), answer(60));
    cache.put(question("b.example"), answer(60));
    cache.get(question("a.example"));
    cache.put(question("c.example"), answer(60));

    assertEquals(2, cache.size());
    assertNull(cache.get(question("b.example")));
    assertEquals(60, cache.get(question("a.example")).ttlSeconds());
  }
}
