package dev.tern.ops.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mail for local users, end to end with clients nobody here wrote: Python's smtplib sends to a real `tern serve`,
 * local delivery puts it into the Maildir, and Python's poplib, fetchmail and curl read it back over POP3 (plain on
 * loopback, STLS and implicit TLS, over 127.0.0.1 and ::1). Each test uses its own users, so the tests share one
 * server without seeing each other's mail.
 */
class LocalMailIT {

  static final String PASSWORD = "tern local mail secret";
  static final Pattern TRACE = Pattern.compile(
      "Return-Path: <([^>]*)>\r\nDelivered-To: ([^\r\n]+)\r\nReceived: [^\r\n]*(\r\n[ \t][^\r\n]*)*\r\n");

  @TempDir
  static Path tmp;
  static TernProcess tern;

  @BeforeAll
  static void startTern() throws Exception {
    tern = TernProcess.on(tmp.resolve("data"));
    Files.createDirectories(tern.data);
    for (String user : List.of("alice", "bob", "carol", "dan", "erin", "fay", "gus", "hal", "ida")) {
      addUser(user + "@localhost");
    }
    TernProcess.Result alias = tern.run("", "alias", "add", "team@localhost", "dan@localhost");
    assertEquals(0, alias.exitCode(), alias.output());
    alias = tern.run("", "alias", "add", "team@localhost", "erin@localhost");
    assertEquals(0, alias.exitCode(), alias.output());
    TernProcess.Result quota = tern.run("", "user", "quota", "fay@localhost", "2K");
    assertEquals(0, quota.exitCode(), quota.output());
    tern.start();
  }

  private static void addUser(String address) throws IOException, InterruptedException {
    TernProcess.Result added = tern.run(PASSWORD + "\n", "user", "add", address, "--password-stdin");
    assertEquals(0, added.exitCode(), added.output());
  }

  @AfterAll
  static void stopTern() throws Exception {
    if (tern != null && tern.alive()) {
      assertEquals(0, tern.terminate(), "graceful exit on SIGTERM:\n" + tern.logText());
    }
  }

  static final String PY_SEND = """
      import smtplib, sys
      host, port, sender, rcpt, path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
      s = smtplib.SMTP(host, port, timeout=30)
      s.ehlo('py.client.example')
      s.mail(sender)
      code, resp = s.rcpt(rcpt)
      print('rcpt', code, resp.decode())
      if code == 250:
          code, resp = s.data(open(path, 'rb').read())
          print(code, resp.decode())
      s.quit()
      """;

  static Path message(String name, String subject, int bodyLines) throws IOException {
    StringBuilder b = new StringBuilder("From: Sender <sender@client.example>\r\nTo: Someone <someone@client.example>\r\nSubject: ")
        .append(subject).append("\r\nMessage-ID: <").append(name).append("@client.example>\r\n\r\nfirst line\r\n")
        .append(".a line that starts with a dot\r\n");
    for (int i = 0; i < bodyLines; i++) {
      b.append("body line ").append(i).append(" 0123456789abcdefghijklmnopqrstuvwxyz\r\n");
    }
    b.append("last line\r\n");
    Path file = tmp.resolve(name + ".eml");
    Files.writeString(file, b.toString(), StandardCharsets.US_ASCII);
    return file;
  }

  static Tools.Run send(String host, String rcpt, Path message) throws IOException, InterruptedException {
    return Tools.python(tmp, PY_SEND, host, String.valueOf(tern.smtpPort), "sender@client.example", rcpt,
        message.toString()).assertOk();
  }

  /** A retrieved message is Return-Path, Delivered-To and Received followed by exactly what was sent. */
  static void assertDelivered(Path retrieved, String deliveredTo, Path sent) throws IOException {
    String got = Files.readString(retrieved, StandardCharsets.ISO_8859_1);
    String body = Files.readString(sent, StandardCharsets.ISO_8859_1);
    assertTrue(got.endsWith(body), "retrieved message ends with what was sent:\n" + got);
    var m = TRACE.matcher(got.substring(0, got.length() - body.length()));
    assertTrue(m.matches(), "only trace headers precede the message:\n" + got);
    assertEquals("sender@client.example", m.group(1));
    assertEquals(deliveredTo, m.group(2));
  }

  @Test
  void smtplibToPoplibOverIpv4AndIpv6WithStlsAndImplicitTls() throws Exception {
    Path first = message("alice-1", "over IPv4", 5);
    Path second = message("alice-2", "over IPv6", 5);
    assertEquals(1, send("127.0.0.1", "alice@localhost", first).queueIds().size());
    assertEquals(1, send("::1", "alice@localhost", second).queueIds().size());

    Path saved = tmp.resolve("alice-plain");
    Tools.Run plain = Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, "alice@localhost", PASSWORD,
        "wait=2", "save=" + saved, "uidl").assertOk();
    assertEquals("2", Pop3Clients.line(plain, "stat").get(0), plain.output());
    assertDelivered(saved.resolve("1.eml"), "alice@localhost", first);
    assertDelivered(saved.resolve("2.eml"), "alice@localhost", second);
    long size = Files.size(saved.resolve("1.eml")) + Files.size(saved.resolve("2.eml"));
    assertEquals(String.valueOf(size), Pop3Clients.line(plain, "stat").get(1), "STAT counts the octets RETR sends");

    Tools.Run stls = Pop3Clients.poplib(tmp, "stls", "::1", tern.pop3Port, "alice@localhost", PASSWORD,
        "stat", "uidl").assertOk();
    Tools.Run implicit = Pop3Clients.poplib(tmp, "ssl", "::1", tern.pop3sPort, "alice@localhost", PASSWORD,
        "uidl").assertOk();
    List<String> uidls = Pop3Clients.line(plain, "uidl");
    assertEquals(2, new HashSet<>(uidls).size(), plain.output());
    assertEquals(uidls, Pop3Clients.line(stls, "uidl"), "UIDLs are stable across sessions");
    assertEquals(uidls, Pop3Clients.line(implicit, "uidl"));
  }

  @Test
  void fetchmailDownloadsIntoAnMbox() throws Exception {
    Tools.require("fetchmail");
    Path sent = message("bob-1", "for fetchmail", 20);
    send("127.0.0.1", "bob@localhost", sent);
    Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, "bob@localhost", PASSWORD, "wait=1").assertOk();

    Path mbox = tmp.resolve("bob.mbox");
    Path rc = tmp.resolve("fetchmailrc");
    Files.writeString(rc, "poll 127.0.0.1 service " + tern.pop3Port + " protocol pop3 auth password\n"
        + "  user \"bob@localhost\" there password \"" + PASSWORD + "\" is \"" + System.getProperty("user.name")
        + "\" here\n"
        + "  fetchall\n"
        // fetchmail upgrades with STLS on its own; the test server's certificate is self-signed.
        + "  sslproto 'TLS1.2+' no sslcertck\n"
        + "  mda \"/bin/sh -c 'cat >> " + mbox + "'\"\n");
    Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
    Tools.Run fetch = Tools.run(List.of("fetchmail", "--nodetach", "--nosyslog", "--fetchmailrc", rc.toString(),
        "--pidfile", tmp.resolve("fetchmail.pid").toString()), "");
    assertEquals(0, fetch.exitCode(), fetch.output());
    assertTrue(fetch.output().isEmpty() || !fetch.output().contains("upgrade to TLS failed"), fetch.output());
    String got = Files.readString(mbox, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    String body = Files.readString(sent, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    assertTrue(got.contains("Return-Path: <sender@client.example>\n"), got);
    assertTrue(got.contains("Delivered-To: bob@localhost\n"), got);
    assertTrue(got.contains(body), "the message arrived whole, dots unstuffed:\n" + got);
    // fetchmail deletes what it fetched (no "keep"): the maildrop is empty afterwards.
    Tools.Run after = Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, "bob@localhost", PASSWORD, "stat");
    assertEquals("0", Pop3Clients.line(after.assertOk(), "stat").get(0), after.output());
  }

  @Test
  void curlPop3ListsAndRetrievesOverPlainAndImplicitTls() throws Exception {
    Tools.require("curl");
    Path sent = message("carol-1", "for curl", 3);
    send("::1", "carol@localhost", sent);
    Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, "carol@localhost", PASSWORD, "wait=1").assertOk();

    Tools.Run list = Tools.run(List.of("curl", "-sS", "--user", "carol@localhost:" + PASSWORD,
        "pop3://127.0.0.1:" + tern.pop3Port + "/"), "").assertOk();
    assertTrue(list.output().startsWith("1 "), list.output());
    Path out = tmp.resolve("carol-curl.eml");
    Tools.run(List.of("curl", "-sS", "-k", "--user", "carol@localhost:" + PASSWORD, "-o", out.toString(),
        "pop3s://[::1]:" + tern.pop3sPort + "/1"), "").assertOk();
    // curl writes RETR's data as it comes, dot-stuffed lines included (it does not undo the stuffing).
    String got = Files.readString(out, StandardCharsets.ISO_8859_1);
    assertTrue(got.contains("Delivered-To: carol@localhost\r\n"), got);
    assertTrue(got.contains("\r\nfirst line\r\n"), got);
    assertTrue(got.contains("\r\nlast line\r\n"), got);
  }

  @Test
  void anAliasDeliversOneCopyToEachMember() throws Exception {
    Path sent = message("team-1", "to the team", 2);
    send("127.0.0.1", "team@localhost", sent);
    for (String member : List.of("dan", "erin")) {
      Path saved = tmp.resolve(member + "-team");
      Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, member + "@localhost", PASSWORD, "wait=1",
          "save=" + saved).assertOk();
      String got = Files.readString(saved.resolve("1.eml"), StandardCharsets.ISO_8859_1);
      assertTrue(got.startsWith("Return-Path: <sender@client.example>\r\nDelivered-To: " + member + "@localhost\r\n"),
          got);
      assertTrue(got.contains("Delivered-To: team@localhost\r\n"), "the alias expansion is recorded:\n" + got);
      assertTrue(got.endsWith(Files.readString(sent, StandardCharsets.ISO_8859_1)), got);
    }
  }

  @Test
  void unknownLocalUsersAreRefusedAtRcpt() throws Exception {
    Tools.Run run = send("127.0.0.1", "nobody-here@localhost", message("nobody", "x", 1));
    assertTrue(run.output().contains("rcpt 550 5.1.1"), run.output());
  }

  @Test
  void mailOverQuotaStaysQueuedWith452() throws Exception {
    Path big = message("fay-big", "too big for fay", 100);
    String id = send("127.0.0.1", "fay@localhost", big).queueIds().get(0);
    String reply = "";
    for (int i = 0; i < 300 && !reply.contains("4.2.2"); i++) {
      Thread.sleep(100);
      var recipient = AdminQueue.recipient(tern, id, "fay@localhost");
      reply = String.valueOf(recipient.getString("lastReply"));
    }
    assertTrue(reply.startsWith("452 4.2.2"), "over quota defers: " + reply);
    Tools.Run stat = Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, "fay@localhost", PASSWORD, "stat");
    assertEquals("0", Pop3Clients.line(stat.assertOk(), "stat").get(0), "nothing was stored");
  }

  @Test
  void deleIsUndoneByRsetAndByADroppedConnectionAndAppliedAtQuit() throws Exception {
    for (int i = 1; i <= 3; i++) {
      send("127.0.0.1", "gus@localhost", message("gus-" + i, "gus " + i, 1));
    }
    Tools.Run first = Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, "gus@localhost", PASSWORD,
        "wait=3", "uidl", "dele=1", "dele=2", "rset").assertOk();
    List<String> uidls = Pop3Clients.line(first, "uidl");
    Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, "gus@localhost", PASSWORD, "dele=1", "drop")
        .assertOk();
    Tools.Run kept = Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, "gus@localhost", PASSWORD,
        "stat", "dele=2").assertOk();
    assertEquals("3", Pop3Clients.line(kept, "stat").get(0), "RSET and a dropped connection delete nothing");
    Tools.Run after = Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, "gus@localhost", PASSWORD,
        "uidl").assertOk();
    assertEquals(List.of(uidls.get(0), uidls.get(2)), Pop3Clients.line(after, "uidl"), "QUIT removed message 2");
    try (Stream<Path> files = Files.list(tern.data.resolve("mail/localhost/gus/cur"))) {
      long inCur = files.count();
      try (Stream<Path> fresh = Files.list(tern.data.resolve("mail/localhost/gus/new"))) {
        assertEquals(2, inCur + fresh.count(), "the deleted message's file is gone");
      }
    }
  }

  static final String PY_TWO_LOGINS = """
      import poplib, sys
      host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
      a = poplib.POP3(host, port, timeout=30); a.user(user); a.pass_(password)
      b = poplib.POP3(host, port, timeout=30); b.user(user)
      try:
          b.pass_(password); print('second login accepted')
      except poplib.error_proto as e:
          print('second', e.args[0].decode())
      a.quit()
      b.user(user); b.pass_(password); print('after quit', b.stat()[0]); b.quit()
      """;

  @Test
  void aSecondLoginWhileTheMaildropIsLockedGetsInUse() throws Exception {
    Tools.Run run = Tools.python(tmp, PY_TWO_LOGINS, "127.0.0.1", String.valueOf(tern.pop3Port), "hal@localhost",
        PASSWORD).assertOk();
    assertTrue(run.output().contains("second -ERR [IN-USE]"), run.output());
    assertTrue(run.output().contains("after quit 0"), "the lock is released at QUIT:\n" + run.output());
  }

  @Test
  void aMessageAnOutsideToolDropsIntoTheMaildirIsServedAndOneItRemovesIsNot() throws Exception {
    send("127.0.0.1", "ida@localhost", message("ida-1", "delivered by tern", 1));
    Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, "ida@localhost", PASSWORD, "wait=1").assertOk();
    Path maildir = tern.data.resolve("mail/localhost/ida");
    // What procmail or another MDA would do: write in tmp/, rename into new/.
    String outside = "From: outside@client.example\r\nSubject: dropped in by another tool\r\n\r\nhello\r\n";
    Path staged = maildir.resolve("tmp/1700000000.outside.host");
    Files.writeString(staged, outside, StandardCharsets.US_ASCII);
    Files.move(staged, maildir.resolve("new/1700000000.outside.host"));
    Path saved = tmp.resolve("ida-saved");
    Tools.Run run = Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, "ida@localhost", PASSWORD,
        "save=" + saved, "uidl").assertOk();
    assertEquals("2", Pop3Clients.line(run, "saved").get(0), run.output());
    assertEquals(outside, Files.readString(saved.resolve("2.eml"), StandardCharsets.US_ASCII));
    List<String> uidls = Pop3Clients.line(run, "uidl");

    // The other tool now removes Tern's message behind its back.
    try (Stream<Path> files = Stream.concat(Files.list(maildir.resolve("cur")), Files.list(maildir.resolve("new")))) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().startsWith("1700000000.outside")) {
          Files.delete(f);
        }
      }
    }
    Tools.Run after = Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, "ida@localhost", PASSWORD,
        "uidl").assertOk();
    assertEquals(List.of(uidls.get(1)), Pop3Clients.line(after, "uidl"), "UIDs are kept, the removed one is gone");
    assertFalse(tern.logText().contains("has been blocked"), "no blocked event loop");
  }
}
