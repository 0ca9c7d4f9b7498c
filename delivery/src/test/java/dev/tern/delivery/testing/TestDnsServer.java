package dev.tern.delivery.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server for tests, on UDP and TCP 127.0.0.1 with one ephemeral port, built on dnsjava's
 * message classes. Tests add MX, A, AAAA, CNAME and null MX records, make names answer SERVFAIL or NXDOMAIN, or "drop"
 * them (no reply, so the client times out), and count the queries that arrived.
 *
 * <p>It answers like an authoritative server: the records of the asked type, or a CNAME for an alias (the client
 * follows it with a new query), NOERROR with an empty answer and an SOA in the authority section for a name that
 * exists without that type (NODATA), NXDOMAIN for a name that has no records at all. One thread serves UDP, one
 * accepts TCP connections (at most 16 open, a thread each); UDP replies above 512 bytes are truncated (TC set), so the client
 * retries over TCP, as plain DNS does. Buffers are fixed in size (a TCP query may be at most 64 KiB, as the
 * protocol's length prefix allows). Closing it stops both threads.
 */
public final class TestDnsServer implements AutoCloseable {

  public static final long DEFAULT_TTL = 300;

  private static final int MAX_PACKET = 512;
  private static final int MAX_TCP_MESSAGE = 65_535;
  private static final int MAX_TCP_CONNECTIONS = 16;

  private final DatagramSocket socket;
  private final ServerSocket tcp;
  private final Thread thread;
  private final Thread tcpThread;
  private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
  private final Set<Name> serverFailures = ConcurrentHashMap.newKeySet();
  private final Set<Name> nxdomains = ConcurrentHashMap.newKeySet();
  private final Set<Name> dropped = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> queriesByQuestion = new ConcurrentHashMap<>();
  private final AtomicInteger queries = new AtomicInteger();
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

  private TestDnsServer(DatagramSocket socket, ServerSocket tcp) {
    this.socket = socket;
    this.tcp = tcp;
    this.thread = new Thread(this::serveUdp, "test-dns-udp-" + socket.getLocalPort());
    this.thread.setDaemon(true);
    this.tcpThread = new Thread(this::serveTcp, "test-dns-tcp-" + socket.getLocalPort());
    this.tcpThread.setDaemon(true);
  }

  /** Starts a server on 127.0.0.1 and an ephemeral port (the same number for UDP and TCP). */
  public static TestDnsServer start() throws IOException {
    for (int attempt = 0; ; attempt++) {
      DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try {
        ServerSocket tcp = new ServerSocket();
        try {
          tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()));
        } catch (IOException e) {
          tcp.close();
          throw e;
        }
        TestDnsServer server = new TestDnsServer(socket, tcp);
        server.thread.start();
        server.tcpThread.start();
        return server;
      } catch (BindException e) {
        socket.close();
        if (attempt == 20) {
          throw e;
        }
      }
    }
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  public TestDnsServer mx(String domain, int preference, String host) {
    return mx(domain, preference, host, DEFAULT_TTL);
  }

  public TestDnsServer mx(String domain, int preference, String host, long ttl) {
    return add(new MXRecord(name(domain), DClass.IN, ttl, preference, name(host)));
  }

  /** RFC 7505: a single MX with preference 0 and the root as target. */
  public TestDnsServer nullMx(String domain) {
    return add(new MXRecord(name(domain), DClass.IN, DEFAULT_TTL, 0, Name.root));
  }

  public TestDnsServer a(String host, String ipv4) {
    return a(host, ipv4, DEFAULT_TTL);
  }

  public TestDnsServer a(String host, String ipv4, long ttl) {
    return add(new ARecord(name(host), DClass.IN, ttl, address(ipv4)));
  }

  public TestDnsServer aaaa(String host, String ipv6) {
    return aaaa(host, ipv6, DEFAULT_TTL);
  }

  public TestDnsServer aaaa(String host, String ipv6, long ttl) {
    return add(new AAAARecord(name(host), DClass.IN, ttl, address(ipv6)));
  }

  public TestDnsServer cname(String alias, String target) {
    return add(new CNAMERecord(name(alias), DClass.IN, DEFAULT_TTL, name(target)));
  }

  /** Any record, for cases the helpers above do not cover. */
  public TestDnsServer add(Record record) {
    records.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>()).add(record);
    return this;
  }

  /** Removes every record of the name (it then answers NXDOMAIN unless records are added again). */
  public TestDnsServer remove(String name) {
    records.remove(name(name));
    return this;
  }

  /** Every query for the name answers SERVFAIL. */
  public TestDnsServer serverFailure(String name) {
    serverFailures.add(name(name));
    return this;
  }

  /** Every query for the name answers NXDOMAIN, even when it has records. */
  public TestDnsServer nxdomain(String name) {
    nxdomains.add(name(name));
    return this;
  }

  /** Queries for the name get no reply at all: the client times out. */
  public TestDnsServer drop(String name) {
    dropped.add(name(name));
    return this;
  }

  /** Queries received so far, all names and types. */
  public int queryCount() {
    return queries.get();
  }

  /** Queries received so far for one name and type, e.g. {@code queryCount("example.com", Type.MX)}. */
  public int queryCount(String name, int type) {
    AtomicInteger count = queriesByQuestion.get(key(name(name), type));
    return count == null ? 0 : count.get();
  }

  /** Problems the server met (undecodable queries, send failures); a test may assert there are none. */
  public List<Throwable> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() {
    socket.close();
    try {
      tcp.close();
    } catch (IOException ignored) {
      // the listening socket is gone either way
    }
    connections.forEach(TestDnsServer::closeQuietly);
    try {
      thread.join(5_000);
      tcpThread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serveUdp() {
    byte[] in = new byte[MAX_PACKET];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(in, in.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        if (!socket.isClosed()) {
          errors.add(e);
        }
        return;
      }
      try {
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        byte[] reply = answer(query, MAX_PACKET);
        if (reply != null) {
          socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
        }
      } catch (IOException | RuntimeException e) {
        if (!socket.isClosed()) {
          errors.add(e);
        }
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      Socket connection;
      try {
        connection = tcp.accept();
      } catch (IOException e) {
        if (!tcp.isClosed()) {
          errors.add(e);
        }
        return;
      }
      if (connections.size() >= MAX_TCP_CONNECTIONS) {
        closeQuietly(connection);
        continue;
      }
      connections.add(connection);
      Thread handler = new Thread(() -> serveTcpConnection(connection), "test-dns-tcp-connection");
      handler.setDaemon(true);
      handler.start();
    }
  }

  /** dnsjava may keep a TCP connection open for further queries: read until it closes or goes quiet. */
  private void serveTcpConnection(Socket connection) {
    try (connection) {
      connection.setSoTimeout(10_000);
      DataInputStream in = new DataInputStream(connection.getInputStream());
      DataOutputStream out = new DataOutputStream(connection.getOutputStream());
      while (true) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException | SocketTimeoutException e) {
          return;
        }
        byte[] wire = new byte[length];
        in.readFully(wire);
        byte[] reply = answer(new Message(wire), MAX_TCP_MESSAGE);
        if (reply != null) {
          out.writeShort(reply.length);
          out.write(reply);
          out.flush();
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!tcp.isClosed()) {
        errors.add(e);
      }
    } finally {
      connections.remove(connection);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket we give up on: nothing to do
    }
  }

  private byte[] answer(Message query, int maxSize) {
    Record question = query.getQuestion();
    if (question == null || query.getHeader().getOpcode() != Opcode.QUERY) {
      return refusal(query, Rcode.FORMERR, maxSize);
    }
    Name name = question.getName();
    int type = question.getType();
    queries.incrementAndGet();
    queriesByQuestion.computeIfAbsent(key(name, type), k -> new AtomicInteger()).incrementAndGet();
    if (dropped.contains(name)) {
      return null;
    }
    Message response = responseTo(query);
    if (serverFailures.contains(name)) {
      response.getHeader().setRcode(Rcode.SERVFAIL);
      return response.toWire(maxSize);
    }
    List<Record> ofName = nxdomains.contains(name) ? null : records.get(name);
    if (ofName == null || ofName.isEmpty()) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
      response.addRecord(soa(name), Section.AUTHORITY);
      return response.toWire(maxSize);
    }
    List<Record> matching = new ArrayList<>();
    for (Record r : ofName) {
      if (r.getType() == type || (r.getType() == Type.CNAME && type != Type.CNAME)) {
        matching.add(r);
      }
    }
    if (matching.isEmpty()) {
      response.addRecord(soa(name), Section.AUTHORITY);
    }
    for (Record r : matching) {
      response.addRecord(r, Section.ANSWER);
    }
    return response.toWire(maxSize);
  }

  private static Message responseTo(Message query) {
    Message response = new Message(query.getHeader().getID());
    Header header = response.getHeader();
    header.setFlag(Flags.QR);
    header.setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      header.setFlag(Flags.RD);
    }
    response.addRecord(query.getQuestion(), Section.QUESTION);
    return response;
  }

  private static byte[] refusal(Message query, int rcode, int maxSize) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setRcode(rcode);
    return response.toWire(maxSize);
  }

  private static Record soa(Name name) {
    Name zone = name.labels() > 2 ? new Name(name, name.labels() - 3) : name;
    try {
      return new SOARecord(zone, DClass.IN, DEFAULT_TTL, Name.fromString("ns.test."),
          Name.fromString("hostmaster.test."), 1, 3600, 600, 86400, 60);
    } catch (TextParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String key(Name name, int type) {
    return name.toString().toLowerCase(java.util.Locale.ROOT) + "/" + Type.string(type);
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad DNS name: " + text, e);
    }
  }

  private static InetAddress address(String literal) {
    try {
      byte[] bytes = org.xbill.DNS.Address.toByteArray(literal,
          literal.indexOf(':') >= 0 ? org.xbill.DNS.Address.IPv6 : org.xbill.DNS.Address.IPv4);
      if (bytes == null) {
        throw new IllegalArgumentException("not an IP address: " + literal);
      }
      return InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + literal, e);
    }
  }
}
