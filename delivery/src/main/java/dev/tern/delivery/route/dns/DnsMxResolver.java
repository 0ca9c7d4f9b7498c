package dev.tern.delivery.route.dns;

import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.MxHost;
import dev.tern.delivery.route.MxResolver;
import dev.tern.delivery.route.RouteFailure;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupSession;

/**
 * Resolves a recipient domain to its {@link Destination} with dnsjava's asynchronous lookups, following RFC 5321
 * 5.1 and RFC 7505:
 * <ul>
 *   <li>MX hosts in preference order, random among equal preferences (reshuffled on every resolve);</li>
 *   <li>no MX record (NODATA) -> the domain's own A/AAAA as an implicit MX;</li>
 *   <li>a null MX (a single MX whose target is ".") -> permanent 5.1.10; NXDOMAIN -> permanent 5.1.2;</li>
 *   <li>SERVFAIL, timeouts, CNAME loops -> temporary 4.4.3 (a loop is usually a zone being edited; retrying until
 *       the queue lifetime ends costs little, a bounce for a glitch loses the mail);</li>
 *   <li>each MX host's AAAA (when IPv6 is on) and A records, IPv6 first (RFC 6724's default preference), random
 *       within a family; hosts that do not resolve are skipped, as are MX targets written as IP addresses (RFC 5321
 *       requires a name there, so they count as unresolvable names and are never queried);</li>
 *   <li>addresses in loopback, private, link-local and similar ranges are refused unless
 *       {@link DnsOptions#allowPrivateMx()}; when no host is left: temporary 4.4.3 if any lookup failed
 *       temporarily, otherwise permanent 5.4.4.</li>
 * </ul>
 * At most {@value #MAX_MX_HOSTS} MX hosts are resolved per domain, which bounds the DNS work one domain can cause.
 * An RFC 5321 address literal ("[192.0.2.1]") resolves without DNS to that address (subject to the same address
 * policy). Answers, negative ones too, are cached for their TTL in a bounded cache shared by all callers.
 *
 * <p>Futures complete on the caller's Vert.x context. Queries are built and sent on {@link DnsThreads}, replies
 * awaited by dnsjava's NIO selector thread: no DNS work, and no read of the system configuration, runs on an event
 * loop.
 */
public final class DnsMxResolver implements MxResolver {

  static final int MAX_MX_HOSTS = 10;

  private static final System.Logger LOG = System.getLogger(DnsMxResolver.class.getName());

  private final Vertx vertx;
  private final DnsOptions options;
  private final DnsLookups lookups;
  private final AddressPolicy addressPolicy;
  private final Random random;

  public DnsMxResolver(Vertx vertx, DnsOptions options, MeterRegistry registry) {
    this(vertx, options, registry, new Random());
  }

  /** @param random decides the order among MX hosts of equal preference and among addresses of one family */
  public DnsMxResolver(Vertx vertx, DnsOptions options, MeterRegistry registry, Random random) {
    this.vertx = vertx;
    this.options = options;
    this.random = random;
    this.addressPolicy = new AddressPolicy(options.allowPrivateMx());
    this.lookups = new DnsLookups(session(options), new AnswerCache(options.cacheMaxEntries(), System::nanoTime),
        options, registry);
  }

  @Override
  public Future<Destination> resolve(String domain) {
    Context context = vertx.getOrCreateContext();
    RecipientDomain recipientDomain;
    try {
      recipientDomain = RecipientDomain.parse(domain);
    } catch (RouteFailure failure) {
      return Future.failedFuture(failure);
    }
    Future<Destination> destination = recipientDomain.isLiteral()
        ? literalDestination(recipientDomain)
        : mxDestination(context, recipientDomain);
    return destination
        .onSuccess(d -> LOG.log(Level.DEBUG, () -> "dns: " + d.domain() + " -> " + d.site()
            + (d.implicitMx() ? " (implicit MX)" : "")))
        .onFailure(failure -> LOG.log(Level.INFO, () -> "dns: no route to " + recipientDomain.ascii()
            + ": " + (failure instanceof RouteFailure r ? r.replyText() : failure.toString())));
  }

  private Future<Destination> literalDestination(RecipientDomain domain) {
    if (!addressPolicy.allowed(domain.literal())) {
      return Future.failedFuture(new RouteFailure(true, "5.4.4",
          "address literal " + domain.ascii() + " is a private address"));
    }
    return Future.succeededFuture(new Destination(domain.ascii(),
        List.of(new MxHost(domain.ascii(), 0, List.of(domain.literal()))), true));
  }

  private Future<Destination> mxDestination(Context context, RecipientDomain domain) {
    return lookup(context, new Question(domain.name(), Type.MX)).compose(answer -> switch (answer.kind()) {
      case RECORDS -> fromMxRecords(context, domain, mxRecords(answer));
      case NO_RECORDS -> implicitMx(context, domain);
      case NO_SUCH_DOMAIN -> Future.failedFuture(
          new RouteFailure(true, "5.1.2", "domain " + domain.ascii() + " does not exist (NXDOMAIN)"));
      default -> Future.failedFuture(new RouteFailure(false, "4.4.3",
          "MX lookup for " + domain.ascii() + " failed: " + answer.detail()));
    });
  }

  private Future<Destination> fromMxRecords(Context context, RecipientDomain domain, List<MXRecord> records) {
    if (records.size() == 1 && records.get(0).getTarget().equals(Name.root)) {
      return Future.failedFuture(new RouteFailure(true, "5.1.10",
          "domain " + domain.ascii() + " accepts no mail (null MX)"));
    }
    List<MXRecord> ordered = inPreferenceOrder(records);
    List<Future<HostAddresses>> resolutions = new ArrayList<>();
    for (MXRecord mx : ordered) {
      resolutions.add(addresses(context, mx.getTarget()));
    }
    return Future.all(resolutions).compose(done -> {
      List<MxHost> hosts = new ArrayList<>();
      List<HostAddresses> results = new ArrayList<>();
      for (int i = 0; i < ordered.size(); i++) {
        HostAddresses host = resolutions.get(i).result();
        results.add(host);
        if (!host.usable().isEmpty()) {
          hosts.add(new MxHost(hostName(ordered.get(i).getTarget()), ordered.get(i).getPriority(), host.usable()));
        }
      }
      return destinationOrFailure(domain, hosts, results, false);
    });
  }

  private Future<Destination> implicitMx(Context context, RecipientDomain domain) {
    return addresses(context, domain.name()).compose(host -> {
      List<MxHost> hosts = host.usable().isEmpty()
          ? List.of()
          : List.of(new MxHost(domain.ascii(), 0, host.usable()));
      return destinationOrFailure(domain, hosts, List.of(host), true);
    });
  }

  private Future<Destination> destinationOrFailure(RecipientDomain domain, List<MxHost> hosts,
                                                   List<HostAddresses> results, boolean implicitMx) {
    if (!hosts.isEmpty()) {
      return Future.succeededFuture(new Destination(domain.ascii(), hosts, implicitMx));
    }
    String what = implicitMx ? "domain " + domain.ascii() + " has no MX and no usable address"
        : "no MX host of " + domain.ascii() + " has a usable address";
    String details = String.join("; ", results.stream().map(HostAddresses::detail).distinct().toList());
    if (results.stream().anyMatch(HostAddresses::temporary)) {
      return Future.failedFuture(new RouteFailure(false, "4.4.3", what + " (" + details + ")"));
    }
    if (results.stream().anyMatch(r -> r.refused() > 0)) {
      return Future.failedFuture(new RouteFailure(true, "5.4.4",
          what + ": MX points to a private address (" + details + ")"));
    }
    return Future.failedFuture(new RouteFailure(true, "5.4.4", what + " (" + details + ")"));
  }

  /** Shuffled first, then stably sorted: equal preferences keep the random order. Duplicates and "." dropped. */
  private List<MXRecord> inPreferenceOrder(List<MXRecord> records) {
    List<MXRecord> shuffled = new ArrayList<>(records);
    Collections.shuffle(shuffled, random);
    shuffled.sort(Comparator.comparingInt(MXRecord::getPriority));
    List<MXRecord> ordered = new ArrayList<>();
    Set<Name> seen = new HashSet<>();
    for (MXRecord mx : shuffled) {
      if (!mx.getTarget().equals(Name.root) && seen.add(mx.getTarget()) && ordered.size() < MAX_MX_HOSTS) {
        ordered.add(mx);
      }
    }
    return ordered;
  }

  private Future<HostAddresses> addresses(Context context, Name host) {
    String hostName = hostName(host);
    if (RecipientDomain.looksLikeIpLiteral(host)) {
      return Future.succeededFuture(HostAddresses.unresolvable(hostName + ": MX target is an IP address, not a name"));
    }
    Future<DnsAnswer> v6 = options.ipv6()
        ? lookup(context, new Question(host, Type.AAAA))
        : Future.succeededFuture(new DnsAnswer(DnsAnswer.Kind.NO_RECORDS, List.of(), 0, "IPv6 off"));
    Future<DnsAnswer> v4 = lookup(context, new Question(host, Type.A));
    return Future.all(v6, v4).map(done -> combine(hostName, v6.result(), v4.result()));
  }

  private HostAddresses combine(String hostName, DnsAnswer v6, DnsAnswer v4) {
    List<InetAddress> usable = new ArrayList<>();
    int refused = 0;
    for (DnsAnswer answer : List.of(v6, v4)) {
      List<InetAddress> family = new ArrayList<>();
      for (Record r : answer.records()) {
        InetAddress address = r instanceof AAAARecord aaaa ? aaaa.getAddress()
            : r instanceof ARecord a ? a.getAddress() : null;
        if (address == null) {
          continue;
        }
        if (addressPolicy.allowed(address)) {
          family.add(address);
        } else {
          refused++;
        }
      }
      Collections.shuffle(family, random);
      usable.addAll(family);
    }
    boolean temporary = v6.temporaryFailure() || v4.temporaryFailure();
    String detail;
    if (!usable.isEmpty()) {
      detail = "";
    } else if (temporary) {
      detail = hostName + ": " + (v4.temporaryFailure() ? v4.detail() : v6.detail());
    } else if (refused > 0) {
      detail = hostName + ": private address refused";
    } else if (v4.kind() == DnsAnswer.Kind.NO_SUCH_DOMAIN) {
      detail = hostName + ": no such host";
    } else {
      detail = hostName + ": no address record";
    }
    return new HostAddresses(usable, refused, temporary, detail);
  }

  private Future<DnsAnswer> lookup(Context context, Question question) {
    return Future.fromCompletionStage(lookups.lookup(question), context);
  }

  private static List<MXRecord> mxRecords(DnsAnswer answer) {
    List<MXRecord> records = new ArrayList<>();
    for (Record r : answer.records()) {
      if (r instanceof MXRecord mx) {
        records.add(mx);
      }
    }
    return records;
  }

  private static String hostName(Name name) {
    return name.toString(true).toLowerCase(Locale.ROOT);
  }

  private static CompletionStage<LookupSession> session(DnsOptions options) {
    // on a DNS thread: dnsjava's first use loads many classes, and the system configuration is a file read
    CompletableFuture<LookupSession> session = CompletableFuture.supplyAsync(() -> buildSession(
        options.servers().isEmpty() ? ResolverConfig.getCurrentConfig().servers() : options.servers(), options),
        DnsThreads.EXECUTOR);
    session.whenComplete((s, error) -> {
      if (error != null) {
        LOG.log(Level.ERROR, "dns: cannot resolve anything, every lookup will fail temporarily: "
            + (error.getCause() != null ? error.getCause().getMessage() : error.getMessage()));
      }
    });
    return session;
  }

  private static LookupSession buildSession(List<InetSocketAddress> servers, DnsOptions options) {
    if (servers.isEmpty()) {
      // an I/O failure, so lookups report it as a temporary DNS error rather than a bug
      throw new CompletionException(
          new IOException("no DNS servers configured (dns.servers is empty and the system has none)"));
    }
    List<Resolver> resolvers = new ArrayList<>();
    for (InetSocketAddress server : servers) {
      resolvers.add(new SimpleResolver(server));
    }
    Resolver resolver;
    if (resolvers.size() == 1) {
      resolver = resolvers.get(0);
    } else {
      ExtendedResolver extended = new ExtendedResolver(resolvers);
      // one attempt per server, in order. The whole query may take one timeout per server, plus a second each:
      // dnsjava's NIO loop notices expired queries only about once a second
      extended.setRetries(1);
      extended.setLoadBalance(false);
      extended.setTimeout(options.timeout().plusSeconds(1).multipliedBy(resolvers.size()));
      resolver = extended;
    }
    // after ExtendedResolver, which installs its own per-server default timeout
    resolvers.forEach(r -> r.setTimeout(options.timeout()));
    LOG.log(Level.INFO, "dns: resolving through " + servers);
    // no dnsjava cache and no hosts file: AnswerCache caches, and MX routing must come from DNS alone
    return LookupSession.builder().resolver(resolver).executor(DnsThreads.EXECUTOR).build();
  }
}
