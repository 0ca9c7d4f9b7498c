package dev.tern.access.imap;

import dev.tern.access.imap.support.ImapFixture;
import dev.tern.access.imap.support.ImapTestBase;
import dev.tern.access.mailbox.MailboxInfo;
import dev.tern.access.mailbox.MessageSummary;
import dev.tern.access.mailbox.QuotaLimits;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.BodyPart;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Quota;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageChangedEvent;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.SearchTerm;
import jakarta.mail.search.SubjectTerm;
import jakarta.mail.util.ByteArrayDataSource;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static dev.tern.access.imap.support.ImapFixture.ALICE;
import static dev.tern.access.imap.support.ImapFixture.ALICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real IMAP client we did not write (Angus Mail's IMAP store, the Jakarta Mail implementation) against the
 * server over a real socket: folders, APPEND, FETCH of envelope, structure and content, SEARCH, STORE, COPY, MOVE,
 * EXPUNGE, IDLE and two clients on one mailbox. What the client reports is checked against what was sent and
 * against the mailbox store underneath.
 */
class AngusImapTest extends ImapTestBase {

  /** Small, so that Angus fetches bigger bodies in several BODY[...]&lt;offset.length&gt; pieces. */
  private static final int FETCH_SIZE = 1024;
  private static final Set<String> DEFAULT_FOLDERS = Set.of("INBOX", "Drafts", "Sent", "Trash", "Junk", "Archive");

  private final List<Store> stores = new ArrayList<>();

  private IMAPStore connect(String user, String password) throws MessagingException {
    Properties p = new Properties();
    p.put("mail.imap.host", "127.0.0.1");
    p.put("mail.imap.port", String.valueOf(imap.port()));
    p.put("mail.imap.timeout", "15000");
    p.put("mail.imap.connectiontimeout", "15000");
    p.put("mail.imap.fetchsize", String.valueOf(FETCH_SIZE));
    // Angus caches STATUS answers for a second by default; the tests ask again right after a change.
    p.put("mail.imap.statuscachetimeout", "0");
    IMAPStore store = (IMAPStore) Session.getInstance(p).getStore("imap");
    stores.add(store);
    store.connect(user, password);
    return store;
  }

  private IMAPStore alice() throws MessagingException {
    return connect(ALICE, ALICE_PASSWORD);
  }

  @AfterEach
  void closeStores() throws MessagingException {
    for (Store store : stores) {
      if (store.isConnected()) {
        store.close();
      }
    }
  }

  /** A message whose bytes are fixed once built (Message-ID and boundaries included). */
  private static MimeMessage message(String subject, String body) throws MessagingException {
    MimeMessage m = new FixedIdMessage("<" + Math.abs(subject.hashCode()) + "@client.example>");
    m.setFrom(new InternetAddress("sender@client.example"));
    m.setRecipients(Message.RecipientType.TO, ALICE);
    m.setSubject(subject, "UTF-8");
    m.setSentDate(new Date(1_709_287_530_000L));
    m.setText(body, "UTF-8");
    m.saveChanges();
    return m;
  }

  private static byte[] bytes(Message message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }

  private static String deliverable(String subject, String body) {
    return "From: sender@client.example\r\nTo: " + ALICE + "\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + Math.abs(subject.hashCode()) + "@client.example>\r\n\r\n" + body + "\r\n";
  }

  private static Set<String> names(Folder[] folders) {
    return Arrays.stream(folders).map(Folder::getFullName).collect(Collectors.toSet());
  }

  private Set<String> storeFlags(String mailbox, long uid) {
    return imap.snapshot(ALICE, mailbox).messages().stream().filter(m -> m.uid() == uid).findFirst()
        .map(MessageSummary::flags).orElseThrow(() -> new AssertionError("no UID " + uid + " in " + mailbox));
  }

  /**
   * Sends NOOPs until the folder's listener put an event into {@code events} (changes made by another session reach
   * this one as mailbox events, so the first NOOP may come too early). Bounded; says nothing about speed.
   */
  private static <T> T noopUntil(IMAPFolder folder, BlockingQueue<T> events) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      // An explicit NOOP: Angus hands its untagged responses (EXISTS, EXPUNGE, FETCH FLAGS) to the folder.
      folder.doCommand(protocol -> {
        protocol.noop();
        return null;
      });
      T event = events.poll(100, TimeUnit.MILLISECONDS);
      if (event != null) {
        return event;
      }
    }
    throw new AssertionError("no event after NOOPs for 15 s");
  }

  @Test
  void logsInAndListsTheSpecialUseFoldersOfANewAccount() throws Exception {
    start();
    IMAPStore store = alice();
    assertTrue(store.hasCapability("IDLE") && store.hasCapability("MOVE") && store.hasCapability("UIDPLUS"));

    Folder root = store.getDefaultFolder();
    assertEquals('.', root.getSeparator());
    assertEquals(DEFAULT_FOLDERS, names(root.list("*")));
    assertEquals(DEFAULT_FOLDERS, names(root.listSubscribed("*")), "a new account subscribes its folders");
    Map<String, String> expectedUse = Map.of("Drafts", "\\Drafts", "Sent", "\\Sent", "Trash", "\\Trash",
        "Junk", "\\Junk", "Archive", "\\Archive");
    for (Map.Entry<String, String> use : expectedUse.entrySet()) {
      IMAPFolder folder = (IMAPFolder) store.getFolder(use.getKey());
      List<String> attributes = List.of(folder.getAttributes());
      assertTrue(attributes.contains(use.getValue()), use.getKey() + " " + attributes);
    }

    Folder[] personal = store.getPersonalNamespaces();
    assertEquals(1, personal.length);
    assertEquals("", personal[0].getFullName());
    assertEquals(0, store.getSharedNamespaces().length);

    Map<String, String> id = store.id(Map.of("name", "angus-test"));
    assertEquals("Tern", id.get("name"));

    // The closed INBOX: STATUS answers the counts.
    Folder inbox = store.getFolder("INBOX");
    assertEquals(0, inbox.getMessageCount());
    imap.deliver(ALICE, deliverable("status one", "x"));
    imap.deliver(ALICE, deliverable("status two", "y"));
    assertEquals(2, inbox.getMessageCount());
    assertEquals(2, inbox.getUnreadMessageCount());
    assertEquals(imap.snapshot(ALICE, "INBOX").status().uidValidity(), ((UIDFolder) inbox).getUIDValidity());
    assertEquals(3, ((IMAPFolder) inbox).getUIDNext());
  }

  @Test
  void aWrongPasswordOrUnknownUserIsRefused() throws Exception {
    start();
    assertThrows(AuthenticationFailedException.class, () -> connect(ALICE, "not the password"));
    assertThrows(AuthenticationFailedException.class, () -> connect("nobody@example.com", ALICE_PASSWORD));
    assertTrue(alice().isConnected(), "the right password still works");
  }

  @Test
  void createsRenamesSubscribesAndDeletesFolders() throws Exception {
    start();
    IMAPStore store = alice();
    Folder projects = store.getFolder("Projects");
    assertFalse(projects.exists());
    assertTrue(projects.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS));
    assertTrue(projects.exists());
    Folder tern = projects.getFolder("Tern");
    assertEquals("Projects.Tern", tern.getFullName());
    assertTrue(tern.create(Folder.HOLDS_MESSAGES));
    assertEquals(Set.of("Projects.Tern"), names(projects.list()));
    assertFalse(store.getFolder("Drafts").create(Folder.HOLDS_MESSAGES), "an existing name is refused");

    tern.appendMessages(new Message[] {message("in a subfolder", "kept across the rename")});
    tern.setSubscribed(true);
    assertTrue(tern.isSubscribed());

    Folder work = store.getFolder("Work");
    assertTrue(projects.renameTo(work));
    assertFalse(store.getFolder("Projects").exists());
    assertFalse(store.getFolder("Projects.Tern").exists(), "the child moved with its parent");
    Folder moved = store.getFolder("Work.Tern");
    assertTrue(moved.exists());
    assertEquals(1, moved.getMessageCount(), "the child's messages moved with it");
    Set<String> inStore = imap.mailboxes.list(ALICE).await().stream().map(MailboxInfo::name)
        .collect(Collectors.toSet());
    assertTrue(inStore.containsAll(Set.of("Work", "Work.Tern")) && !inStore.contains("Projects"), inStore.toString());

    moved.setSubscribed(false);
    assertFalse(names(store.getDefaultFolder().listSubscribed("*")).contains("Work.Tern"));

    // A name outside ASCII travels as modified UTF-7 and is stored as Unicode.
    Folder overview = store.getFolder("Überblick");
    assertTrue(overview.create(Folder.HOLDS_MESSAGES));
    assertTrue(names(store.getDefaultFolder().list("*")).contains("Überblick"));
    assertTrue(imap.mailboxes.list(ALICE).await().stream().anyMatch(m -> m.name().equals("Überblick")));

    assertTrue(work.delete(true));
    assertFalse(store.getFolder("Work").exists());
    assertFalse(store.getFolder("Work.Tern").exists());
    assertTrue(overview.delete(false));
    assertEquals(DEFAULT_FOLDERS, names(store.getDefaultFolder().list("*")));
    assertFalse(store.getFolder("Never").delete(false), "DELETE of a missing mailbox is refused");
  }

  @Test
  void appendsAndFetchesAMultipartMessagePartByPart() throws Exception {
    start();
    byte[] attachment = new byte[5000];
    for (int i = 0; i < attachment.length; i++) {
      attachment[i] = (byte) (i * 31 + 7);
    }
    MimeMessage forwarded = message("forwarded", "the inner text\r\n");
    MimeMessage sent = new FixedIdMessage("<quarterly@client.example>");
    sent.setFrom(new InternetAddress("alice.sender@client.example", "Alice Sender"));
    sent.setRecipients(Message.RecipientType.TO, new Address[] {new InternetAddress(ALICE, "Alice")});
    sent.setRecipients(Message.RecipientType.CC, "carol@client.example, dave@client.example");
    sent.setSubject("Grüße: the quarterly numbers", "UTF-8");
    Date sentDate = new Date(1_709_287_530_000L);
    sent.setSentDate(sentDate);
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText("Hello Alice,\r\nthe numbers are attached.\r\n", "US-ASCII");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent("<p>Hello Alice,</p><p>the numbers are attached.</p>\r\n", "text/html; charset=us-ascii");
    MimeMultipart alternative = new MimeMultipart("alternative", plain, html);
    MimeBodyPart text = new MimeBodyPart();
    text.setContent(alternative);
    MimeBodyPart file = new MimeBodyPart();
    file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/octet-stream")));
    file.setFileName("numbers.bin");
    file.setDisposition(MimeBodyPart.ATTACHMENT);
    MimeBodyPart inner = new MimeBodyPart();
    inner.setContent(forwarded, "message/rfc822");
    sent.setContent(new MimeMultipart("mixed", text, file, inner));
    sent.saveChanges();
    byte[] raw = bytes(sent);

    IMAPStore store = alice();
    IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
    AppendUID[] appended = inbox.appendUIDMessages(new Message[] {sent});
    assertEquals(1, appended.length);
    assertEquals(1, appended[0].uid);
    assertEquals(imap.snapshot(ALICE, "INBOX").status().uidValidity(), appended[0].uidvalidity);
    assertEquals(raw.length, imap.snapshot(ALICE, "INBOX").messages().get(0).size(), "stored as sent");

    inbox.open(Folder.READ_WRITE);
    assertEquals(1, inbox.getMessageCount());
    Message[] messages = inbox.getMessages();
    FetchProfile profile = new FetchProfile();
    profile.add(FetchProfile.Item.ENVELOPE);
    profile.add(FetchProfile.Item.FLAGS);
    profile.add(FetchProfile.Item.CONTENT_INFO);
    profile.add(FetchProfile.Item.SIZE);
    profile.add(UIDFolder.FetchProfileItem.UID);
    inbox.fetch(messages, profile);
    Message got = messages[0];

    // ENVELOPE, INTERNALDATE (Angus appends with the sent date), RFC822.SIZE, FLAGS, UID.
    assertEquals("Grüße: the quarterly numbers", got.getSubject());
    assertEquals(new InternetAddress("alice.sender@client.example", "Alice Sender"), got.getFrom()[0]);
    assertEquals("Alice Sender", ((InternetAddress) got.getFrom()[0]).getPersonal());
    assertEquals(List.of(ALICE), addresses(got.getRecipients(Message.RecipientType.TO)));
    assertEquals(List.of("carol@client.example", "dave@client.example"),
        addresses(got.getRecipients(Message.RecipientType.CC)));
    assertEquals(sentDate, got.getSentDate());
    assertEquals(sentDate, got.getReceivedDate());
    assertEquals("<quarterly@client.example>", ((MimeMessage) got).getMessageID());
    assertEquals(raw.length, got.getSize());
    assertFalse(got.isSet(Flags.Flag.SEEN));
    assertEquals(1, inbox.getUID(got));

    // BODYSTRUCTURE, then each part's content through BODY[n] (in FETCH_SIZE pieces where bigger).
    assertTrue(got.isMimeType("multipart/mixed"), got.getContentType());
    Multipart mixed = (Multipart) got.getContent();
    assertEquals(3, mixed.getCount());
    BodyPart textPart = mixed.getBodyPart(0);
    assertTrue(textPart.isMimeType("multipart/alternative"), textPart.getContentType());
    Multipart alternatives = (Multipart) textPart.getContent();
    assertEquals(2, alternatives.getCount());
    BodyPart plainPart = alternatives.getBodyPart(0);
    assertTrue(plainPart.isMimeType("text/plain"), plainPart.getContentType());
    assertEquals("Hello Alice,\r\nthe numbers are attached.\r\n", plainPart.getContent());
    assertEquals(2, plainPart.getLineCount());
    assertEquals("Hello Alice,\r\nthe numbers are attached.\r\n".length(), plainPart.getSize());
    BodyPart htmlPart = alternatives.getBodyPart(1);
    assertTrue(htmlPart.isMimeType("text/html"), htmlPart.getContentType());
    assertEquals("<p>Hello Alice,</p><p>the numbers are attached.</p>\r\n", htmlPart.getContent());

    BodyPart filePart = mixed.getBodyPart(1);
    assertTrue(filePart.isMimeType("application/octet-stream"), filePart.getContentType());
    assertEquals("numbers.bin", filePart.getFileName());
    assertEquals(Message.ATTACHMENT, filePart.getDisposition());
    assertEquals("base64", ((MimeBodyPart) filePart).getEncoding());
    try (InputStream in = filePart.getInputStream()) {
      assertArrayEquals(attachment, in.readAllBytes(), "the attachment decodes to the very bytes sent");
    }

    BodyPart innerPart = mixed.getBodyPart(2);
    assertTrue(innerPart.isMimeType("message/rfc822"), innerPart.getContentType());
    MimeMessage innerMessage = assertInstanceOf(MimeMessage.class, innerPart.getContent());
    assertEquals("forwarded", innerMessage.getSubject(), "from the nested ENVELOPE");
    assertEquals("the inner text\r\n", innerMessage.getContent());

    // BODY[] (in pieces): the exact bytes appended.
    assertArrayEquals(raw, bytes(got));
    // Reading a body without PEEK set \Seen, on the server and in what the client was told.
    assertTrue(storeFlags("INBOX", 1).contains("\\Seen"), storeFlags("INBOX", 1).toString());
    assertTrue(got.isSet(Flags.Flag.SEEN));
  }

  private static List<String> addresses(Address[] addresses) {
    return Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
  }

  @Test
  void searchesBySubjectFlagsBodyAndSender() throws Exception {
    start();
    imap.deliver(ALICE, deliverable("Invoice 2024-03", "please pay by Friday"));
    imap.deliver(ALICE, deliverable("lunch?", "pineapple pizza again"));
    imap.deliver(ALICE, "From: boss@corp.example\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= and an invoice\r\n\r\n"
        + "nothing about fruit\r\n");
    IMAPStore store = alice();
    IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
    inbox.open(Folder.READ_WRITE);
    inbox.getMessage(2).setFlag(Flags.Flag.SEEN, true);
    inbox.getMessage(3).setFlag(Flags.Flag.FLAGGED, true);

    assertEquals(List.of(1, 3), numbers(inbox.search(new SubjectTerm("INVOICE"))), "case-insensitive substring");
    assertEquals(List.of(3), numbers(inbox.search(new SubjectTerm("grüße"))), "decoded header, UTF-8 charset");
    assertEquals(List.of(2), numbers(inbox.search(new BodyTerm("pineapple"))));
    assertEquals(List.of(), numbers(inbox.search(new BodyTerm("mango"))));
    assertEquals(List.of(2), numbers(inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), true))));
    assertEquals(List.of(1, 3), numbers(inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))));
    assertEquals(List.of(3), numbers(inbox.search(new FlagTerm(new Flags(Flags.Flag.FLAGGED), true))));
    assertEquals(List.of(3), numbers(inbox.search(new FromStringTerm("boss@corp"))));
    SearchTerm unseenInvoices = new AndTerm(new SubjectTerm("invoice"), new FlagTerm(new Flags(Flags.Flag.FLAGGED),
        false));
    assertEquals(List.of(1), numbers(inbox.search(unseenInvoices)));
    assertEquals(List.of(2, 3), numbers(inbox.search(new OrTerm(new BodyTerm("pizza"), new FromStringTerm("boss")))));
  }

  private static List<Integer> numbers(Message[] messages) {
    return Arrays.stream(messages).map(Message::getMessageNumber).sorted().toList();
  }

  @Test
  void setsFlagsCopiesMovesAndExpunges() throws Exception {
    start();
    for (int i = 1; i <= 4; i++) {
      imap.deliver(ALICE, deliverable("message " + i, "body " + i));
    }
    IMAPStore store = alice();
    IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
    inbox.open(Folder.READ_WRITE);
    Message[] m = inbox.getMessages();

    inbox.setFlags(new Message[] {m[0]}, new Flags(Flags.Flag.FLAGGED), true);
    m[0].setFlags(new Flags("$Important"), true);
    assertEquals(Set.of("\\Flagged", "$Important"), storeFlags("INBOX", 1));
    m[0].setFlag(Flags.Flag.FLAGGED, false);
    assertEquals(Set.of("$Important"), storeFlags("INBOX", 1));
    assertFalse(m[0].isSet(Flags.Flag.FLAGGED));
    assertTrue(m[0].getFlags().contains("$Important"));

    IMAPFolder archive = (IMAPFolder) store.getFolder("Archive");
    AppendUID[] copied = inbox.copyUIDMessages(new Message[] {m[1]}, archive);
    assertEquals(1, copied.length);
    assertEquals(imap.snapshot(ALICE, "Archive").messages().get(0).uid(), copied[0].uid);
    assertEquals(4, inbox.getMessageCount(), "COPY leaves the source");

    IMAPFolder trash = (IMAPFolder) store.getFolder("Trash");
    AppendUID[] moved = inbox.moveUIDMessages(new Message[] {m[2]}, trash);
    assertEquals(1, moved.length);
    // Angus keeps an expunged message in its numbering, marked, until the client's own expunge().
    assertTrue(m[2].isExpunged(), "MOVE expunged it from the source");
    assertEquals(List.of(1L, 2L, 4L), imap.uids(ALICE, "INBOX"));
    assertEquals(1, imap.uids(ALICE, "Trash").size());
    assertTrue(imap.counter("tern.imap.commands", "command", "UID MOVE")
        + imap.counter("tern.imap.commands", "command", "MOVE") >= 1, "the MOVE extension was used");

    m[3].setFlag(Flags.Flag.DELETED, true);
    List<Message> expunged = List.of(inbox.expunge());
    assertTrue(expunged.contains(m[3]) && m[3].isExpunged(), expunged.toString());
    assertFalse(expunged.contains(m[0]) || expunged.contains(m[1]), expunged.toString());
    assertEquals(2, inbox.getMessageCount());
    assertEquals(1L, inbox.getUID(inbox.getMessage(1)));
    assertEquals(List.of(1L, 2L), imap.uids(ALICE, "INBOX"));
    assertEquals(2L, inbox.getUID(inbox.getMessage(2)));

    assertThrows(FolderNotFoundException.class, () -> inbox.copyMessages(new Message[] {m[0]},
        store.getFolder("Missing")));
    // CLOSE expunges what is marked \Deleted.
    inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
    inbox.close(true);
    assertEquals(List.of(2L), imap.uids(ALICE, "INBOX"));
    assertEquals(1, archive.getMessageCount());
    assertEquals(1, trash.getMessageCount());
  }

  @Test
  void idleHearsADeliveryThroughTheMessageCountListener() throws Exception {
    start();
    IMAPStore store = alice();
    IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
    inbox.open(Folder.READ_WRITE);
    CountDownLatch added = new CountDownLatch(1);
    AtomicReference<Message[]> delivered = new AtomicReference<>();
    inbox.addMessageCountListener(new MessageCountAdapter() {
      @Override
      public void messagesAdded(MessageCountEvent e) {
        delivered.set(e.getMessages());
        added.countDown();
      }
    });
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread idler = new Thread(() -> {
      try {
        inbox.idle(true);
      } catch (Exception e) {
        failure.set(e);
      }
    }, "angus-idle");
    idler.start();
    eventually("the client is idling", () -> imap.counter("tern.imap.commands", "command", "IDLE") >= 1);

    imap.deliver(ALICE, deliverable("pushed", "arrived while idling"));
    assertTrue(added.await(15, TimeUnit.SECONDS), "MessageCountListener.messagesAdded fired");
    idler.join(TimeUnit.SECONDS.toMillis(15));
    assertFalse(idler.isAlive(), "idle(true) returned after the first notification");
    assertNull(failure.get());
    assertEquals(1, delivered.get().length);
    assertEquals("pushed", delivered.get()[0].getSubject());
    assertEquals(1, inbox.getMessageCount());
  }

  @Test
  void twoClientsOnOneMailboxSeeEachOthersFlagsAndMoves() throws Exception {
    start();
    for (int i = 1; i <= 3; i++) {
      imap.deliver(ALICE, deliverable("shared " + i, "body " + i));
    }
    IMAPFolder a = (IMAPFolder) alice().getFolder("INBOX");
    IMAPFolder b = (IMAPFolder) alice().getFolder("INBOX");
    a.open(Folder.READ_WRITE);
    b.open(Folder.READ_WRITE);
    BlockingQueue<MessageChangedEvent> changed = new LinkedBlockingQueue<>();
    BlockingQueue<MessageCountEvent> removed = new LinkedBlockingQueue<>();
    b.addMessageChangedListener(changed::add);
    b.addMessageCountListener(new MessageCountAdapter() {
      @Override
      public void messagesRemoved(MessageCountEvent e) {
        removed.add(e);
      }
    });
    Message bSecond = b.getMessage(2);
    assertFalse(bSecond.isSet(Flags.Flag.FLAGGED));

    a.getMessage(2).setFlag(Flags.Flag.FLAGGED, true);
    MessageChangedEvent flagEvent = noopUntil(b, changed);
    assertEquals(MessageChangedEvent.FLAGS_CHANGED, flagEvent.getMessageChangeType());
    assertEquals(2, flagEvent.getMessage().getMessageNumber());
    assertTrue(bSecond.isSet(Flags.Flag.FLAGGED));

    // A moves the first message away: B learns of the expunge of its message 1 at a later command.
    Message bFirst = b.getMessage(1);
    Message aFirst = a.getMessage(1);
    a.moveMessages(new Message[] {aFirst}, a.getStore().getFolder("Archive"));
    assertTrue(aFirst.isExpunged());
    MessageCountEvent gone = noopUntil(b, removed);
    assertFalse(gone.isRemoved(), "another session's expunge: Angus renumbers only at its own expunge()");
    assertEquals(List.of(bFirst), List.of(gone.getMessages()), "the EXPUNGE named B's message 1");
    assertTrue(bFirst.isExpunged());
    assertFalse(bSecond.isExpunged());
    // Angus renumbers at the client's own expunge(); nothing else is \Deleted, so nothing more goes.
    b.expunge();
    assertEquals(2, b.getMessageCount());
    assertEquals(2L, b.getUID(b.getMessage(1)), "message 2 is now message 1");
    assertEquals(3L, b.getUID(b.getMessage(2)));
    assertTrue(b.getMessage(1).isSet(Flags.Flag.FLAGGED));
    assertEquals("shared 1", openAndSubject(b.getStore().getFolder("Archive")));
  }

  private static String openAndSubject(Folder folder) throws MessagingException {
    folder.open(Folder.READ_ONLY);
    try {
      return folder.getMessage(1).getSubject();
    } finally {
      folder.close(false);
    }
  }

  @Test
  void quotaRootOfInboxReportsStorageInKibibytes() throws Exception {
    start(ImapFixture.options().quota(true), QuotaLimits.everyAccount(1_048_576));
    imap.deliver(ALICE, deliverable("weighing", "x".repeat(4000)));
    IMAPStore store = alice();
    assertTrue(store.hasCapability("QUOTA"));
    Quota[] quotas = store.getQuota("INBOX");
    assertEquals(1, quotas.length);
    Quota.Resource storage = Arrays.stream(quotas[0].resources).filter(r -> r.name.equalsIgnoreCase("STORAGE"))
        .findFirst().orElseThrow();
    assertEquals(1024, storage.limit);
    long used = imap.mailboxes.quota(ALICE).await().usedBytes();
    assertTrue(storage.usage == used / 1024 || storage.usage == (used + 1023) / 1024,
        "usage " + storage.usage + " KiB for " + used + " bytes");
  }

  /** Fixes the Message-ID, so that the bytes appended are known before the client sends them. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String id;

    FixedIdMessage(String id) {
      super((Session) null);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
