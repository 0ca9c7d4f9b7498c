package dev.tern.ops.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IMAP clients nobody here wrote against a real `tern serve`: Python's imaplib walks through every command of
 * RFC 3501 and of the extensions Tern announces (plaintext on loopback, STARTTLS and implicit TLS, over 127.0.0.1
 * and ::1), two imaplib clients share a mailbox while one IDLEs, curl lists, fetches and appends, and mbsync (isync)
 * synchronises a local Maildir both ways. Mail arrives through SMTP (smtplib) and local delivery. The python scripts
 * (src/test/resources/dev/tern/ops/it) check each answer themselves and exit non-zero naming the first mismatch.
 */
class ImapClientsIT {

  static final String PASSWORD = "tern imap clients secret";
  static final List<String> USERS = List.of("tour4", "tour6", "tours", "idler", "curl", "sync");

  @TempDir
  static Path tmp;
  static TernProcess tern;

  @BeforeAll
  static void startTern() throws Exception {
    tern = TernProcess.on(tmp.resolve("data"));
    Files.createDirectories(tern.data);
    // Each `tern user add` is a JVM of its own that mostly waits: run them side by side (the account files are
    // locked per change).
    ExecutorService adders = Executors.newFixedThreadPool(USERS.size());
    try {
      List<Future<TernProcess.Result>> added = new ArrayList<>();
      for (String user : USERS) {
        added.add(adders.submit(() -> tern.run(PASSWORD + "\n", "user", "add", user + "@localhost",
            "--password-stdin")));
      }
      for (Future<TernProcess.Result> result : added) {
        assertEquals(0, result.get().exitCode(), result.get().output());
      }
    } finally {
      adders.shutdown();
    }
    // A default quota makes `tern serve` announce QUOTA; the tours check GETQUOTAROOT against it.
    tern.start("mailboxes:\n  quota: 10MiB\n");
  }

  @AfterAll
  static void stopTern() throws Exception {
    if (tern != null && tern.alive()) {
      assertFalse(tern.logText().contains("has been blocked"), "no blocked event loop:\n" + tern.logText());
      assertEquals(0, tern.terminate(), "graceful exit on SIGTERM:\n" + tern.logText());
    }
  }

  /** A python script of this package's test resources, run with arguments; asserts exit code 0. */
  static Tools.Run python(String script, Object... args) throws IOException, InterruptedException {
    String text;
    try (InputStream in = ImapClientsIT.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + script);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return Tools.python(tmp, text, Stream.of(args).map(String::valueOf).toArray(String[]::new)).assertOk();
  }

  /** imap_mailbox.py against the plaintext listener on 127.0.0.1. */
  static Tools.Run mailbox(String user, String... actions) throws IOException, InterruptedException {
    List<Object> args = new ArrayList<>(List.of("127.0.0.1", tern.imapPort, user, PASSWORD));
    args.addAll(List.of(actions));
    return python("imap_mailbox.py", args.toArray());
  }

  /** What imap_mailbox.py's dump printed: mailbox name to "subject|flags" lines, in server order. */
  static Map<String, List<String>> dump(String user) throws IOException, InterruptedException {
    Map<String, List<String>> boxes = new TreeMap<>();
    for (String line : mailbox(user, "dump").output().split("\n")) {
      if (line.startsWith("box ")) {
        boxes.put(line.substring(4), new ArrayList<>());
      } else if (line.startsWith("msg ")) {
        String[] parts = line.substring(4).split("\\|", 2);
        boxes.get(parts[0]).add(parts[1]);
      }
    }
    return boxes;
  }

  static Path message(String name, String rcpt, String subject, String body) throws IOException {
    Path file = tmp.resolve(name + ".eml");
    Files.writeString(file, "From: Sender <sender@client.example>\r\nTo: " + rcpt + "\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + name + "@client.example>\r\n\r\n" + body + "\r\n", StandardCharsets.US_ASCII);
    return file;
  }

  static void send(String host, String rcpt, Path message) throws IOException, InterruptedException {
    python("smtp_send.py", host, tern.smtpPort, "sender@client.example", rcpt, message);
  }

  // --- imaplib -----------------------------------------------------------------------------------------------------

  @Test
  void imaplibTourOverIpv4PlaintextWithLogin() throws Exception {
    Tools.Run run = python("imap_tour.py", "plain", "127.0.0.1", tern.imapPort, tern.smtpPort, "tour4@localhost",
        PASSWORD, "login");
    assertTrue(run.output().contains("tour complete"), run.output());
  }

  @Test
  void imaplibTourOverIpv6StartTlsWithAuthenticatePlain() throws Exception {
    Tools.Run run = python("imap_tour.py", "starttls", "::1", tern.imapPort, tern.smtpPort, "tour6@localhost",
        PASSWORD, "plain");
    assertTrue(run.output().contains("tour complete"), run.output());
  }

  @Test
  void imaplibTourOverImplicitTls() throws Exception {
    Tools.Run run = python("imap_tour.py", "ssl", "::1", tern.imapsPort, tern.smtpPort, "tours@localhost",
        PASSWORD, "login");
    assertTrue(run.output().contains("tour complete"), run.output());
  }

  @Test
  void anIdlingClientHearsOfDeliveryAndOfAnotherClientsStoreAndMove() throws Exception {
    Tools.Run run = python("imap_idle.py", "127.0.0.1", tern.imapPort, tern.smtpPort, "idler@localhost", PASSWORD);
    assertTrue(run.output().contains("idle complete"), run.output());
  }

  // --- curl --------------------------------------------------------------------------------------------------------

  static Tools.Run curl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60"));
    command.addAll(List.of(args));
    return Tools.run(command, "");
  }

  /** The one message file of a Maildir folder of tern's mail store, as IMAP sends it (line ends as CRLF). */
  static byte[] storedMessage(String local, String folder) throws IOException {
    Path box = tern.data.resolve("mail/localhost").resolve(local).resolve(folder);
    List<Path> files = new ArrayList<>();
    for (String sub : List.of("new", "cur")) {
      try (Stream<Path> s = Files.list(box.resolve(sub))) {
        s.forEach(files::add);
      }
    }
    assertEquals(1, files.size(), files.toString());
    String text = Files.readString(files.get(0), StandardCharsets.ISO_8859_1);
    return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void curlListsFetchesSearchesAndAppendsOverPlainStartTlsAndImplicitTls() throws Exception {
    Tools.require("curl");
    String user = "curl@localhost:" + PASSWORD;
    Path sent = message("curl-1", "curl@localhost", "for curl", "first line\r\n.a line with a dot\r\nlast line");
    send("127.0.0.1", "curl@localhost", sent);
    mailbox("curl@localhost", "wait=INBOX=1");

    Tools.Run list = curl("-u", user, "imap://127.0.0.1:" + tern.imapPort + "/").assertOk();
    for (String box : List.of("INBOX", "Drafts", "Sent", "Trash", "Junk", "Archive")) {
      assertTrue(list.output().matches("(?s).*\\* LIST \\([^)]*\\) \".\" \"?" + box + "\"?\r?\n.*"), list.output());
    }
    Tools.Run inbox = curl("-u", user, "imap://127.0.0.1:" + tern.imapPort + "/INBOX").assertOk();
    assertTrue(inbox.output().contains("INBOX"), inbox.output());

    byte[] stored = storedMessage("curl", "");
    String sentText = Files.readString(sent, StandardCharsets.ISO_8859_1);
    assertTrue(new String(stored, StandardCharsets.ISO_8859_1).endsWith(sentText), "delivered as sent");
    Path plain = tmp.resolve("curl-plain.eml");
    curl("-u", user, "-o", plain.toString(), "imap://127.0.0.1:" + tern.imapPort + "/INBOX;UID=1").assertOk();
    assertArrayEquals(stored, Files.readAllBytes(plain), "UID FETCH BODY[] gives the stored message exactly");
    Path startTls = tmp.resolve("curl-starttls.eml");
    curl("--ssl-reqd", "-k", "-u", user, "-o", startTls.toString(),
        "imap://[::1]:" + tern.imapPort + "/INBOX;UID=1").assertOk();
    assertArrayEquals(stored, Files.readAllBytes(startTls), "the same over STARTTLS on ::1");
    Path implicit = tmp.resolve("curl-imaps.eml");
    curl("-k", "-u", user, "-o", implicit.toString(), "imaps://127.0.0.1:" + tern.imapsPort + "/INBOX;UID=1")
        .assertOk();
    assertArrayEquals(stored, Files.readAllBytes(implicit), "the same over implicit TLS");

    Tools.Run search = curl("-u", user, "imap://127.0.0.1:" + tern.imapPort + "/INBOX?SUBJECT%20curl").assertOk();
    assertEquals("* SEARCH 1", search.output().strip(), search.output());
    Tools.Run none = curl("-u", user, "imap://127.0.0.1:" + tern.imapPort + "/INBOX?SUBJECT%20nothing").assertOk();
    assertEquals("* SEARCH", none.output().strip(), none.output());

    // Upload (APPEND) into Drafts, then read it back byte for byte.
    Path draft = message("curl-draft", "someone@client.example", "a draft by curl", "kept as uploaded");
    curl("-u", user, "-T", draft.toString(), "imap://127.0.0.1:" + tern.imapPort + "/Drafts").assertOk();
    Path back = tmp.resolve("curl-draft-back.eml");
    curl("-u", user, "-o", back.toString(), "imap://127.0.0.1:" + tern.imapPort + "/Drafts;UID=1").assertOk();
    assertArrayEquals(Files.readAllBytes(draft), Files.readAllBytes(back), "APPEND stored the upload unchanged");

    Tools.Run wrong = curl("-u", "curl@localhost:wrong", "imap://127.0.0.1:" + tern.imapPort + "/INBOX;UID=1");
    assertEquals(67, wrong.exitCode(), "curl's 'login denied': " + wrong.output());
    Tools.Run missing = curl("-u", user, "imap://127.0.0.1:" + tern.imapPort + "/Nowhere;UID=1");
    assertFalse(missing.exitCode() == 0, "a missing mailbox is an error: " + missing.output());
  }

  // --- mbsync ------------------------------------------------------------------------------------------------------

  /** One message of a local Maildir folder: its file, subject and Maildir flag letters. */
  record LocalMessage(Path file, String subject, String flags) {}

  static List<LocalMessage> localMessages(Path folder) throws IOException {
    List<LocalMessage> messages = new ArrayList<>();
    for (String sub : List.of("new", "cur")) {
      try (Stream<Path> files = Files.list(folder.resolve(sub))) {
        for (Path file : files.sorted().toList()) {
          String name = file.getFileName().toString();
          int info = name.indexOf(":2,");
          String subject = Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
              .filter(l -> l.startsWith("Subject: ")).findFirst().orElse("Subject: ?").substring(9).strip();
          messages.add(new LocalMessage(file, subject, info < 0 ? "" : name.substring(info + 3)));
        }
      }
    }
    return messages;
  }

  static LocalMessage local(Path folder, String subject) throws IOException {
    List<LocalMessage> found = localMessages(folder).stream().filter(m -> m.subject().equals(subject)).toList();
    assertEquals(1, found.size(), subject + " in " + folder + ": " + localMessages(folder));
    return found.get(0);
  }

  static List<String> subjects(Path folder) throws IOException {
    return localMessages(folder).stream().map(LocalMessage::subject).sorted().toList();
  }

  static Tools.Run mbsync(Path config) throws IOException, InterruptedException {
    Tools.Run run = Tools.run(List.of("mbsync", "-c", config.toString(), "-a"), "");
    assertEquals(0, run.exitCode(), "mbsync:\n" + run.output() + "\n--- tern log ---\n" + tern.logText());
    return run;
  }

  @Test
  void mbsyncSynchronisesAMaildirBothWays() throws Exception {
    Tools.require("mbsync");
    for (int i = 1; i <= 3; i++) {
      send("127.0.0.1", "sync@localhost", message("sync-" + i, "sync@localhost", "sync " + i, "body " + i));
    }
    mailbox("sync@localhost", "wait=INBOX=3");

    Path maildir = Files.createDirectories(tmp.resolve("sync-maildir"));
    Path config = tmp.resolve("mbsyncrc");
    Files.writeString(config, String.join("\n",
        "IMAPAccount tern",
        "Host 127.0.0.1",
        "Port " + tern.imapPort,
        "User sync@localhost",
        "Pass \"" + PASSWORD + "\"",
        // STARTTLS against Tern's self-signed certificate, trusted as a host certificate.
        "SSLType STARTTLS",
        "CertificateFile " + tern.data.resolve("tls/cert.pem"),
        "SystemCertificates no",
        "AuthMechs LOGIN",
        "Timeout 60",
        "",
        "IMAPStore tern-far",
        "Account tern",
        "",
        "MaildirStore local",
        "Path " + maildir + "/",
        "Inbox " + maildir.resolve("INBOX"),
        "SubFolders Verbatim",
        "",
        "Channel sync",
        "Far :tern-far:",
        "Near :local:",
        "Patterns *",
        "Create Both",
        "Expunge Both",
        "SyncState *",
        "CopyArrivalDate yes",
        ""));

    // 1. First pull: every folder and message arrives locally.
    mbsync(config);
    Path inbox = maildir.resolve("INBOX");
    assertEquals(List.of("sync 1", "sync 2", "sync 3"), subjects(inbox));
    for (String folder : List.of("Drafts", "Sent", "Trash", "Junk", "Archive")) {
      assertTrue(Files.isDirectory(maildir.resolve(folder).resolve("cur")), folder + " was created locally");
    }
    // mbsync writes LF line ends and adds an X-TUID header of its own; otherwise the file is the message.
    String pulled = Files.readString(local(inbox, "sync 1").file(), StandardCharsets.ISO_8859_1)
        .replaceAll("(?m)^X-TUID: .*\n", "");
    String sent = Files.readString(tmp.resolve("sync-1.eml"), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    assertTrue(pulled.startsWith("Return-Path: <sender@client.example>\n") && pulled.endsWith(sent),
        "whole message pulled:\n" + pulled);

    // 2. Local changes: a new folder with a message, a flag, a deletion and a move.
    Path made = maildir.resolve("Local");
    for (String sub : List.of("cur", "new", "tmp")) {
      Files.createDirectories(made.resolve(sub));
    }
    Files.writeString(made.resolve("new").resolve("1700000000.local1.tern-it"),
        "From: me@client.example\nTo: sync@localhost\nSubject: made locally\n\nwritten into the Maildir\n");
    LocalMessage flagged = local(inbox, "sync 1");
    Files.move(flagged.file(), inbox.resolve("cur").resolve(base(flagged.file()) + ":2," + addFlag(flagged.flags(),
        'F')));
    Files.delete(local(inbox, "sync 2").file());
    LocalMessage moving = local(inbox, "sync 3");
    // A message moved between folders loses mbsync's ",U=" part, so it is taken as new there.
    Files.move(moving.file(), maildir.resolve("Archive/cur")
        .resolve(base(moving.file()).replaceAll(",U=\\d+", "") + ":2," + moving.flags()));
    mbsync(config);

    Map<String, List<String>> far = dump("sync@localhost");
    assertEquals(List.of("sync 1|\\Flagged"), far.get("INBOX"), far.toString());
    assertEquals(List.of("sync 3|"), far.get("Archive"), far.toString());
    assertEquals(List.of("made locally|"), far.get("Local"), far.toString());
    assertTrue(far.values().stream().flatMap(List::stream).noneMatch(m -> m.startsWith("sync 2|")),
        "the local deletion was applied on the server: " + far);

    // 3. Server-side changes: flags, a deletion, a new folder and a new message, then sync again.
    send("::1", "sync@localhost", message("sync-4", "sync@localhost", "sync 4", "body 4"));
    mailbox("sync@localhost", "wait=INBOX=2", "unflag=INBOX=sync 1=\\Flagged", "flag=INBOX=sync 1=\\Seen",
        "delete=Archive=sync 3", "create=Remote", "append=Remote=made remotely");
    mbsync(config);

    assertEquals(List.of("sync 1", "sync 4"), subjects(inbox));
    assertEquals("S", local(inbox, "sync 1").flags(), "\\Seen set and \\Flagged cleared on the server");
    assertEquals(List.of(), subjects(maildir.resolve("Archive")), "the server's deletion reached the Maildir");
    assertEquals(List.of("made remotely"), subjects(maildir.resolve("Remote")));
    assertEquals(List.of("made locally"), subjects(made));
    String fourth = Files.readString(local(inbox, "sync 4").file(), StandardCharsets.ISO_8859_1);
    assertTrue(fourth.contains("Delivered-To: sync@localhost"), fourth);

    // 4. Nothing left to do: a third run changes nothing on either side.
    mbsync(config);
    assertEquals(far.keySet().size() + 1, dump("sync@localhost").size(), "Remote is the only new mailbox");
    assertEquals(List.of("sync 1", "sync 4"), subjects(inbox));
  }

  /** A Maildir file name without its ":2,flags" info part. */
  static String base(Path file) {
    String name = file.getFileName().toString();
    int info = name.indexOf(":2,");
    return info < 0 ? name : name.substring(0, info);
  }

  /** Maildir flag letters are kept in ASCII order. */
  static String addFlag(String flags, char flag) {
    char[] letters = (flags.indexOf(flag) < 0 ? flags + flag : flags).toCharArray();
    java.util.Arrays.sort(letters);
    return new String(letters);
  }
}
