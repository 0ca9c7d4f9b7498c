package dev.tern.benchmarks.micro;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An authoritative DNS server on UDP 127.0.0.1 (ephemeral port) for one synthetic zone, so MX lookups can be
 * measured without touching the network. Every {@code <label>.bench.example} has two MX hosts,
 * {@code mx1.<label>.bench.example} (preference 10) and {@code mx2.<label>.bench.example} (20), each with one A
 * (192.0.2.1 / .2) and one AAAA (2001:db8::1 / ::2) record; a name that exists without the asked type answers
 * NODATA, anything else NXDOMAIN (both with an SOA). All TTLs are 300 s. One thread answers; {@link #close()}
 * stops it.
 */
public final class LocalDnsStub implements AutoCloseable {

  public static final String ZONE = "bench.example.";
  static final long TTL = 300;
  private static final int MAX_UDP = 512;

  private final DatagramSocket socket;
  private final Thread thread;
  private final Name zone;
  private final SOARecord soa;
  private final AtomicLong queries = new AtomicLong();
  private final AtomicReference<Throwable> firstError = new AtomicReference<>();

  private LocalDnsStub(DatagramSocket socket) throws TextParseException {
    this.socket = socket;
    this.zone = Name.fromString(ZONE);
    this.soa = new SOARecord(zone, DClass.IN, TTL, Name.fromString("ns." + ZONE), Name.fromString("hostmaster." + ZONE),
        1, 3600, 600, 86400, TTL);
    this.thread = new Thread(this::serve, "bench-dns-stub");
    this.thread.setDaemon(true);
  }

  public static LocalDnsStub start() throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    LocalDnsStub stub = new LocalDnsStub(socket);
    stub.thread.start();
    return stub;
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Queries answered so far. */
  public long queries() {
    return queries.get();
  }

  /** The first query that could not be answered, or null: a benchmark should fail on it. */
  public Throwable firstError() {
    return firstError.get();
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(5_000);
  }

  private void serve() {
    byte[] in = new byte[MAX_UDP];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(in, in.length);
      try {
        socket.receive(packet);
        byte[] reply = answer(new Message(Arrays.copyOf(packet.getData(), packet.getLength())));
        // counted before the reply leaves, so a lookup that completed has all its queries counted
        queries.incrementAndGet();
        socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
      } catch (IOException | RuntimeException e) {
        if (!socket.isClosed()) {
          firstError.compareAndSet(null, e);
        }
      }
    }
  }

  private byte[] answer(Message query) throws IOException {
    Record question = query.getQuestion();
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    if (question == null) {
      response.getHeader().setRcode(Rcode.FORMERR);
      return response.toWire(MAX_UDP);
    }
    response.addRecord(question, Section.QUESTION);
    Name name = question.getName();
    Record[] records = recordsOf(name, question.getType());
    if (records == null) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
      response.addRecord(soa, Section.AUTHORITY);
    } else if (records.length == 0) {
      response.addRecord(soa, Section.AUTHORITY);
    } else {
      for (Record record : records) {
        response.addRecord(record, Section.ANSWER);
      }
    }
    return response.toWire(MAX_UDP);
  }

  /** The records of that name and type; empty when the name exists without them, null when it does not exist. */
  private Record[] recordsOf(Name name, int type) throws TextParseException, UnknownHostException {
    if (!name.subdomain(zone)) {
      return null;
    }
    int depth = name.labels() - zone.labels();
    if (depth == 1) {
      return type != Type.MX ? new Record[0] : new Record[] {
          new MXRecord(name, DClass.IN, TTL, 10, Name.fromString("mx1", name)),
          new MXRecord(name, DClass.IN, TTL, 20, Name.fromString("mx2", name))};
    }
    String host = name.getLabelString(0);
    if (depth != 2 || !(host.equals("mx1") || host.equals("mx2"))) {
      return null;
    }
    String index = host.substring(2);
    return switch (type) {
      case Type.A -> new Record[] {new ARecord(name, DClass.IN, TTL, InetAddress.getByName("192.0.2." + index))};
      case Type.AAAA ->
          new Record[] {new AAAARecord(name, DClass.IN, TTL, InetAddress.getByName("2001:db8::" + index))};
      default -> new Record[0];
    };
  }
}
