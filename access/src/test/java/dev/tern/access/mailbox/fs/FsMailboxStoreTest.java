package dev.tern.access.mailbox.fs;

import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.FlagUpdateResult;
import dev.tern.access.mailbox.Flags;
import dev.tern.access.mailbox.MailboxEvent;
import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.MailboxInfo;
import dev.tern.access.mailbox.MailboxSnapshot;
import dev.tern.access.mailbox.MailboxStatus;
import dev.tern.access.mailbox.MessageContent;
import dev.tern.access.mailbox.MessageSummary;
import dev.tern.access.mailbox.QuotaExceededException;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.access.mailbox.SpecialUse;
import dev.tern.access.mailbox.UidMapping;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class FsMailboxStoreTest {

  private static final String ALICE = "alice@example.com";
  private static final Instant DATE = Instant.parse("2024-03-01T10:15:30Z");

  @TempDir
  Path root;
  Vertx vertx;
  FsMailboxStore store;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    store = new FsMailboxStore(vertx, root, QuotaLimits.NONE);
  }

  @AfterEach
  void tearDown() {
    await(store.close());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 30 s", e);
    }
  }

  static MailboxException refusal(Future<?> future) {
    Throwable failure = assertThrows(Throwable.class, () -> await(future));
    return assertInstanceOf(MailboxException.class, failure);
  }

  static Buffer message(String subject) {
    return Buffer.buffer("Subject: " + subject + "\r\nFrom: bob@example.net\r\n\r\nHello " + subject + "\r\n");
  }

  static Buffer read(MessageContent content) {
    Promise<Buffer> all = Promise.promise();
    Buffer collected = Buffer.buffer();
    content.stream().handler(collected::appendBuffer);
    content.stream().exceptionHandler(all::tryFail);
    content.stream().endHandler(v -> all.tryComplete(collected));
    return await(all.future());
  }

  Path accountDir() {
    return root.resolve("example.com").resolve("alice");
  }

  long append(String mailbox, String subject, String... flags) {
    return await(store.append(ALICE, mailbox, Set.of(flags), DATE, message(subject)));
  }

  @Test
  void newAccountHasInboxAndSpecialUseMailboxesSubscribed() {
    List<MailboxInfo> list = await(store.list(ALICE));
    assertEquals(List.of("INBOX", "Archive", "Drafts", "Junk", "Sent", "Trash"),
        list.stream().map(MailboxInfo::name).toList());
    assertTrue(list.stream().allMatch(MailboxInfo::subscribed));
    for (SpecialUse use : SpecialUse.values()) {
      MailboxInfo info = list.stream().filter(i -> i.name().equals(use.defaultName())).findFirst().orElseThrow();
      assertEquals(Optional.of(use), info.specialUse());
    }
    assertTrue(Files.isDirectory(accountDir().resolve("cur")));
    assertTrue(Files.isDirectory(accountDir().resolve(".Sent").resolve("new")));
  }

  @Test
  void appendThenFetchAndStreamReturnsTheSameBytes() {
    Buffer body = message("round trip");
    long uid = await(store.append(ALICE, "inbox", Set.of(Flags.SEEN, "$Work"), DATE, body));
    MailboxSnapshot snapshot = await(store.snapshot(ALICE, "INBOX"));
    assertEquals(1, snapshot.messages().size());
    MessageSummary summary = snapshot.messages().get(0);
    assertEquals(uid, summary.uid());
    assertEquals(Set.of(Flags.SEEN, "$Work"), summary.flags());
    assertEquals(body.length(), summary.size());
    assertEquals(DATE, summary.internalDate());
    MessageContent content = await(store.open(ALICE, "INBOX", uid));
    assertEquals(body.length(), content.size());
    assertArrayEquals(body.getBytes(), read(content).getBytes());
  }

  @Test
  void appendFromAStreamStoresTheStreamedBytes() throws Exception {
    Path source = root.resolve("source.eml");
    byte[] big = new byte[300_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) ('a' + i % 26);
    }
    Files.write(source, big);
    long uid = await(vertx.fileSystem().open(source.toString(), new io.vertx.core.file.OpenOptions().setRead(true))
        .compose(file -> store.append(ALICE, "INBOX", Set.of(), DATE, file)));
    MessageContent content = await(store.open(ALICE, "INBOX", uid));
    assertEquals(big.length, content.size());
    assertArrayEquals(big, read(content).getBytes());
    try (Stream<Path> leftovers = Files.list(accountDir().resolve("tmp"))) {
      assertEquals(0, leftovers.count());
    }
  }

  @Test
  void uidsStrictlyIncreaseAndStatusCounts() {
    long first = append("INBOX", "one");
    long second = append("INBOX", "two", Flags.SEEN);
    long third = append("INBOX", "three");
    assertTrue(first < second && second < third);
    MailboxStatus status = await(store.status(ALICE, "INBOX"));
    assertEquals(3, status.messages());
    assertEquals(2, status.unseen());
    assertEquals(2, status.recent());
    assertEquals(third + 1, status.uidNext());
  }

  @Test
  void flagUpdatesRaiseModSeqAndHonourUnchangedSince() {
    long uid = append("INBOX", "flags");
    long other = append("INBOX", "other");
    long before = await(store.status(ALICE, "INBOX")).highestModSeq();
    FlagUpdateResult added = await(store.updateFlags(ALICE, "INBOX", List.of(uid), FlagMode.ADD,
        Set.of("\\flagged", "Later"), OptionalLong.empty()));
    assertEquals(1, added.changed().size());
    long modSeq = added.changed().get(0).modSeq();
    assertTrue(modSeq > before);
    assertEquals(Set.of(Flags.FLAGGED, "Later"), added.changed().get(0).flags());
    assertEquals(modSeq, await(store.status(ALICE, "INBOX")).highestModSeq());
    // the Maildir file name carries the system flag for other tools
    assertTrue(Files.exists(accountDir().resolve("cur")) && listNames(accountDir().resolve("cur")).get(0).endsWith(":2,F"));

    FlagUpdateResult again = await(store.updateFlags(ALICE, "INBOX", List.of(uid), FlagMode.ADD,
        Set.of(Flags.FLAGGED), OptionalLong.empty()));
    assertEquals(List.of(uid), again.unchanged());

    FlagUpdateResult conditional = await(store.updateFlags(ALICE, "INBOX", List.of(uid, other), FlagMode.REPLACE,
        Set.of(Flags.SEEN), OptionalLong.of(before)));
    assertEquals(List.of(uid), conditional.failed());
    assertEquals(List.of(other), conditional.changed().stream().map(FlagUpdateResult.Change::uid).toList());

    FlagUpdateResult removed = await(store.updateFlags(ALICE, "INBOX", List.of(uid), FlagMode.REMOVE,
        Set.of("Later"), OptionalLong.empty()));
    assertEquals(Set.of(Flags.FLAGGED), removed.changed().get(0).flags());
  }

  @Test
  void expungeRemovesOnlyDeletedMessagesInTheGivenSet() {
    long a = append("INBOX", "a", Flags.DELETED);
    long b = append("INBOX", "b", Flags.DELETED);
    long c = append("INBOX", "c");
    assertEquals(List.of(a), await(store.expunge(ALICE, "INBOX", Optional.of(List.of(a, c)))));
    assertEquals(List.of(b), await(store.expunge(ALICE, "INBOX", Optional.empty())));
    MailboxSnapshot snapshot = await(store.snapshot(ALICE, "INBOX"));
    assertEquals(List.of(c), snapshot.messages().stream().map(MessageSummary::uid).toList());
    assertEquals(1, listNames(accountDir().resolve("new")).size() + listNames(accountDir().resolve("cur")).size());
  }

  @Test
  void copyAndMoveReturnUidMappings() {
    long a = append("INBOX", "a", Flags.SEEN);
    long b = append("INBOX", "b");
    append("Archive", "already there");
    UidMapping copied = await(store.copy(ALICE, "INBOX", List.of(b, a, 999L), "Archive"));
    long archiveValidity = await(store.status(ALICE, "Archive")).uidValidity();
    assertEquals(archiveValidity, copied.destinationUidValidity());
    assertEquals(List.of(a, b), copied.sourceUids());
    assertEquals(List.of(2L, 3L), copied.destinationUids());
    assertEquals(2, await(store.status(ALICE, "INBOX")).messages());
    MessageSummary copy = await(store.snapshot(ALICE, "Archive")).messages().get(1);
    assertEquals(Set.of(Flags.SEEN), copy.flags());
    assertArrayEquals(message("a").getBytes(), read(await(store.open(ALICE, "Archive", 2))).getBytes());

    UidMapping moved = await(store.move(ALICE, "INBOX", List.of(a), "Trash"));
    assertEquals(List.of(a), moved.sourceUids());
    assertEquals(List.of(1L), moved.destinationUids());
    assertEquals(List.of(b), await(store.snapshot(ALICE, "INBOX")).messages().stream().map(MessageSummary::uid).toList());
    assertArrayEquals(message("a").getBytes(), read(await(store.open(ALICE, "Trash", 1))).getBytes());
  }

  @Test
  void renameMovesChildrenAndKeepsUids() {
    await(store.create(ALICE, "Projects", Optional.empty()));
    await(store.create(ALICE, "Projects.Tern", Optional.empty()));
    await(store.subscribe(ALICE, "Projects.Tern"));
    long uid = append("Projects.Tern", "kept");
    long validity = await(store.status(ALICE, "Projects.Tern")).uidValidity();
    await(store.rename(ALICE, "Projects", "Work"));
    List<String> names = await(store.list(ALICE)).stream().map(MailboxInfo::name).toList();
    assertTrue(names.contains("Work") && names.contains("Work.Tern"));
    assertFalse(names.contains("Projects") || names.contains("Projects.Tern"));
    assertTrue(await(store.list(ALICE)).stream().filter(i -> i.name().equals("Work")).findFirst().orElseThrow().hasChildren());
    MailboxStatus status = await(store.status(ALICE, "Work.Tern"));
    assertEquals(validity, status.uidValidity());
    assertEquals(uid, await(store.snapshot(ALICE, "Work.Tern")).messages().get(0).uid());
    assertTrue(await(store.subscriptions(ALICE)).contains("Work.Tern"));
    assertEquals(MailboxException.Reason.NO_SUCH_MAILBOX, refusal(store.status(ALICE, "Projects.Tern")).reason());
  }

  @Test
  void renameOfSpecialUseMailboxKeepsItsAttribute() {
    await(store.rename(ALICE, "Sent", "Sent Items"));
    MailboxInfo info = await(store.list(ALICE)).stream().filter(i -> i.name().equals("Sent Items")).findFirst()
        .orElseThrow();
    assertEquals(Optional.of(SpecialUse.SENT), info.specialUse());
  }

  @Test
  void deleteRemovesTheMailboxButKeepsChildren() {
    await(store.create(ALICE, "Old", Optional.empty()));
    await(store.create(ALICE, "Old.Child", Optional.empty()));
    append("Old", "gone");
    await(store.delete(ALICE, "Old"));
    List<String> names = await(store.list(ALICE)).stream().map(MailboxInfo::name).toList();
    assertFalse(names.contains("Old"));
    assertTrue(names.contains("Old.Child"));
    assertFalse(Files.exists(accountDir().resolve(".Old")));
    await(store.create(ALICE, "Old", Optional.empty()));
    assertEquals(0, await(store.status(ALICE, "Old")).messages());
  }

  @Test
  void subscriptionsCanBeAddedAndRemoved() {
    await(store.create(ALICE, "Lists", Optional.empty()));
    await(store.subscribe(ALICE, "Lists"));
    assertTrue(await(store.subscriptions(ALICE)).contains("Lists"));
    await(store.unsubscribe(ALICE, "Lists"));
    await(store.unsubscribe(ALICE, "Trash"));
    List<String> subscribed = await(store.subscriptions(ALICE));
    assertFalse(subscribed.contains("Lists") || subscribed.contains("Trash"));
    assertTrue(subscribed.contains("INBOX"));
  }

  @Test
  void changesArePublishedOnTheEventBus() {
    List<MailboxEvent> events = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(MailboxEvent.address(ALICE, "INBOX"),
        message -> events.add(MailboxEvent.fromJson(message.body())));
    await(consumer.completion());
    long uid = append("INBOX", "event");
    await(store.updateFlags(ALICE, "INBOX", List.of(uid), FlagMode.ADD, Set.of(Flags.DELETED), OptionalLong.empty()));
    await(store.expunge(ALICE, "INBOX", Optional.empty()));
    waitFor(() -> events.size() >= 3);
    assertInstanceOf(MailboxEvent.Appended.class, events.get(0));
    assertEquals(uid, ((MailboxEvent.Appended) events.get(0)).uid());
    MailboxEvent.FlagsChanged flags = assertInstanceOf(MailboxEvent.FlagsChanged.class, events.get(1));
    assertEquals(Set.of(Flags.DELETED), flags.changes().get(0).flags());
    MailboxEvent.Expunged expunged = assertInstanceOf(MailboxEvent.Expunged.class, events.get(2));
    assertEquals(List.of(uid), expunged.uids());
    await(consumer.unregister());
  }

  @Test
  void reopeningKeepsUidValidityAndUids() {
    long a = append("INBOX", "a");
    MailboxStatus before = await(store.status(ALICE, "INBOX"));
    await(store.close());
    store = new FsMailboxStore(vertx, root, QuotaLimits.NONE);
    MailboxStatus after = await(store.status(ALICE, "INBOX"));
    assertEquals(before.uidValidity(), after.uidValidity());
    assertEquals(before.uidNext(), after.uidNext());
    assertEquals(a, await(store.snapshot(ALICE, "INBOX")).messages().get(0).uid());
    assertEquals(a + 1, append("INBOX", "b"));
  }

  @Test
  void fileRenamedInWithoutIndexUpdateGetsAFreshUid() throws Exception {
    long a = append("INBOX", "a");
    long b = append("INBOX", "b");
    await(store.updateFlags(ALICE, "INBOX", List.of(b), FlagMode.ADD, Set.of(Flags.DELETED), OptionalLong.empty()));
    await(store.expunge(ALICE, "INBOX", Optional.empty()));
    await(store.close());
    // as if we crashed after the rename into new/ and cur/ but before the index was written
    Files.writeString(accountDir().resolve("new").resolve("1700000000.crash1.host,S=10"), "Subject: x\r\n\r\n");
    Files.writeString(accountDir().resolve("cur").resolve("1700000001.crash2.host:2,S"), "Subject: y\r\n\r\n");
    store = new FsMailboxStore(vertx, root, QuotaLimits.NONE);
    MailboxSnapshot snapshot = await(store.snapshot(ALICE, "INBOX"));
    List<Long> uids = snapshot.messages().stream().map(MessageSummary::uid).toList();
    assertEquals(List.of(a, b + 1, b + 2), uids);
    assertEquals(Set.of(Flags.SEEN), snapshot.messages().get(2).flags());
    assertEquals(b + 3, snapshot.status().uidNext());
    assertEquals("Subject: y\r\n\r\n", read(await(store.open(ALICE, "INBOX", b + 2))).toString(StandardCharsets.UTF_8));
  }

  @Test
  void aBareLfFileFromAnotherToolIsSizedAsItIsSent() throws Exception {
    append("INBOX", "ours");
    Files.writeString(accountDir().resolve("new").resolve("1700000001.lf.host"), "Subject: lf\n\nbody\n");
    MailboxSnapshot snapshot = await(store.snapshot(ALICE, "INBOX"));
    assertEquals(2, snapshot.messages().size());
    assertEquals("Subject: lf\r\n\r\nbody\r\n".length(), snapshot.messages().get(1).size());
  }

  @Test
  void outsideToolChangesAreNoticedWhileRunning() throws Exception {
    long a = append("INBOX", "a");
    long b = append("INBOX", "b");
    Path fileOfA = listPaths(accountDir().resolve("new")).stream().filter(p -> contains(p, "Hello a")).findFirst()
        .orElseThrow();
    Path fileOfB = listPaths(accountDir().resolve("new")).stream().filter(p -> contains(p, "Hello b")).findFirst()
        .orElseThrow();
    Files.delete(fileOfA);
    // mutt marks b as read: it moves to cur/ with :2,S
    Files.move(fileOfB, accountDir().resolve("cur").resolve(fileOfB.getFileName() + ":2,S"));
    MailboxSnapshot snapshot = await(store.snapshot(ALICE, "INBOX"));
    assertEquals(List.of(b), snapshot.messages().stream().map(MessageSummary::uid).toList());
    assertEquals(Set.of(Flags.SEEN), snapshot.messages().get(0).flags());
    assertEquals(MailboxException.Reason.BAD_INPUT, refusal(store.open(ALICE, "INBOX", a)).reason());
    assertArrayEquals(message("b").getBytes(), read(await(store.open(ALICE, "INBOX", b))).getBytes());
  }

  @Test
  void anUnchangedFolderIsNotListedAgainButAChangedOneIs() throws Exception {
    append("INBOX", "a");
    Path newDir = accountDir().resolve("new");
    Path curDir = accountDir().resolve("cur");
    FileTime old = FileTime.from(Instant.now().minusSeconds(60));
    Files.setLastModifiedTime(newDir, old);
    Files.setLastModifiedTime(curDir, old);
    assertEquals(1, await(store.snapshot(ALICE, "INBOX")).messages().size());
    // A file dropped without changing the directory's time (as in the same clock tick) is not seen: no listing...
    Files.writeString(newDir.resolve("1700000009.quiet.host"), "Subject: quiet\r\n\r\nx\r\n");
    Files.setLastModifiedTime(newDir, old);
    assertEquals(1, await(store.snapshot(ALICE, "INBOX")).messages().size());
    // ...while any real change of the directory makes the next snapshot list it again.
    Files.setLastModifiedTime(newDir, FileTime.from(Instant.now()));
    assertEquals(2, await(store.snapshot(ALICE, "INBOX")).messages().size());
  }

  @Test
  void appendOverQuotaFailsWithQuotaExceeded() {
    await(store.close());
    store = new FsMailboxStore(vertx, root, QuotaLimits.everyAccount(100));
    append("INBOX", "fits");
    MailboxException refusal = refusal(store.append(ALICE, "INBOX", Set.of(), DATE, Buffer.buffer(new byte[80])));
    QuotaExceededException quota = assertInstanceOf(QuotaExceededException.class, refusal);
    assertEquals(MailboxException.Reason.OVER_QUOTA, quota.reason());
    assertEquals(100, quota.limitBytes());
    assertEquals(1, await(store.status(ALICE, "INBOX")).messages());
    assertEquals(message("fits").length(), await(store.quota(ALICE)).usedBytes());
  }

  @Test
  void badInputIsRefused() {
    assertEquals(MailboxException.Reason.NO_SUCH_MAILBOX, refusal(store.status(ALICE, "Nowhere")).reason());
    assertEquals(MailboxException.Reason.NO_SUCH_MAILBOX,
        refusal(store.append(ALICE, "Nowhere", Set.of(), DATE, message("x"))).reason());
    for (String name : List.of("a..b", "../evil", "a/b", ".hidden", "trailing.", "", "x*", "INBOX.child")) {
      assertEquals(MailboxException.Reason.BAD_INPUT, refusal(store.create(ALICE, name, Optional.empty())).reason(),
          name);
    }
    assertEquals(MailboxException.Reason.ALREADY_EXISTS, refusal(store.create(ALICE, "Trash", Optional.empty())).reason());
    assertEquals(MailboxException.Reason.ALREADY_EXISTS, refusal(store.create(ALICE, "inbox", Optional.empty())).reason());
    assertEquals(MailboxException.Reason.NOT_ALLOWED, refusal(store.delete(ALICE, "INBOX")).reason());
    assertEquals(MailboxException.Reason.ALREADY_EXISTS, refusal(store.rename(ALICE, "Junk", "Trash")).reason());
    assertEquals(MailboxException.Reason.BAD_INPUT,
        refusal(store.append(ALICE, "INBOX", Set.of("\\Recent"), DATE, message("x"))).reason());
    assertEquals(MailboxException.Reason.BAD_INPUT,
        refusal(store.append(ALICE, "INBOX", Set.of("bad keyword"), DATE, message("x"))).reason());
    assertEquals(MailboxException.Reason.BAD_INPUT, refusal(store.list("../etc@example.com")).reason());
    assertEquals(MailboxException.Reason.BAD_INPUT, refusal(store.list("no-at-sign")).reason());
    assertEquals(MailboxException.Reason.BAD_INPUT, refusal(store.move(ALICE, "INBOX", List.of(1L), "INBOX")).reason());
    assertEquals(0, await(store.status(ALICE, "INBOX")).messages());
    assertFalse(Files.exists(root.resolve("etc")));
  }

  @Test
  void concurrentAppendsGetDistinctIncreasingUids() {
    List<Future<Long>> appends = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      appends.add(store.append(ALICE, "INBOX", Set.of(), DATE, message("parallel " + i)));
    }
    await(Future.all(appends));
    List<Long> uids = appends.stream().map(Future::result).sorted().toList();
    assertEquals(40, uids.stream().distinct().count());
    assertEquals(uids, await(store.snapshot(ALICE, "INBOX")).messages().stream().map(MessageSummary::uid).toList());
    assertEquals(uids.get(39) + 1, await(store.status(ALICE, "INBOX")).uidNext());
  }

  @Test
  void damagedIndexIsSetAsideAndTheFolderGetsANewUidValidity() throws Exception {
    append("INBOX", "a");
    append("INBOX", "b");
    long validity = await(store.status(ALICE, "INBOX")).uidValidity();
    await(store.close());
    Files.writeString(accountDir().resolve("tern-index"), "garbage\n");
    store = new FsMailboxStore(vertx, root, QuotaLimits.NONE);
    MailboxSnapshot snapshot = await(store.snapshot(ALICE, "INBOX"));
    assertNotEquals(validity, snapshot.status().uidValidity());
    assertEquals(2, snapshot.messages().size());
    assertTrue(listNames(accountDir()).stream().anyMatch(name -> name.startsWith("tern-index.damaged-")));
  }

  @Test
  void appendsGoToTheIndexLogAndAreFoldedIntoTheIndexLater() throws Exception {
    List<Long> uids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      uids.add(append("INBOX", "logged " + i));
    }
    // 256 lines are folded into the index; the appends after that are in the log again.
    String log = Files.readString(accountDir().resolve("tern-index.log"));
    assertEquals(300 - 257, log.lines().count(), log);
    await(store.close());
    store = new FsMailboxStore(vertx, root, QuotaLimits.NONE);
    MailboxSnapshot snapshot = await(store.snapshot(ALICE, "INBOX"));
    assertEquals(uids, snapshot.messages().stream().map(MessageSummary::uid).toList(), "the log is replayed");
    assertEquals(uids.get(299) + 1, snapshot.status().uidNext());
    assertArrayEquals(message("logged 299").getBytes(),
        read(await(store.open(ALICE, "INBOX", uids.get(299)))).getBytes());
  }

  @Test
  void aTornIndexLogLineLosesNoMessageAndReusesNoUid() throws Exception {
    long a = append("INBOX", "a");
    long b = append("INBOX", "b");
    await(store.close());
    // A crash in the middle of the next append: its file reached new/, its log line did not get its end.
    Files.writeString(accountDir().resolve("new").resolve("1700000000.torn.host"), "Subject: torn\r\n\r\nx\r\n");
    Files.writeString(accountDir().resolve("tern-index.log"), b + 1 + " 9 0 2", StandardOpenOption.APPEND);
    store = new FsMailboxStore(vertx, root, QuotaLimits.NONE);
    MailboxSnapshot snapshot = await(store.snapshot(ALICE, "INBOX"));
    assertEquals(3, snapshot.messages().size());
    assertEquals(List.of(a, b), snapshot.messages().stream().map(MessageSummary::uid).toList().subList(0, 2));
    long c = append("INBOX", "c");
    await(store.close());
    store = new FsMailboxStore(vertx, root, QuotaLimits.NONE);
    List<Long> uids = await(store.snapshot(ALICE, "INBOX")).messages().stream().map(MessageSummary::uid).toList();
    assertEquals(4, uids.size());
    assertEquals(4, uids.stream().distinct().count(), "no UID handed out twice: " + uids);
    assertEquals(c, uids.get(3));
  }

  @Test
  void copyIntoTheSameMailboxDuplicatesTheMessage() {
    long a = append("INBOX", "twice", Flags.FLAGGED);
    UidMapping mapping = await(store.copy(ALICE, "INBOX", List.of(a), "INBOX"));
    assertEquals(List.of(a + 1), mapping.destinationUids());
    assertArrayEquals(message("twice").getBytes(), read(await(store.open(ALICE, "INBOX", a + 1))).getBytes());
    assertEquals(2, await(store.status(ALICE, "INBOX")).messages());
  }

  @Test
  void aStreamThatFailsLeavesNothingBehind() {
    Throwable failure = assertThrows(Throwable.class,
        () -> await(store.append(ALICE, "INBOX", Set.of(), DATE, new FailingStream(vertx.getOrCreateContext()))));
    assertTrue(String.valueOf(failure.getMessage()).contains("connection lost"), failure.toString());
    assertEquals(0, await(store.status(ALICE, "INBOX")).messages());
    assertEquals(List.of(), listNames(accountDir().resolve("tmp")));
    assertEquals(List.of(), listNames(accountDir().resolve("new")));
    assertEquals(1L, append("INBOX", "after"));
  }

  @Test
  void copyOverQuotaIsRefusedAndCopiesNothing() {
    await(store.close());
    long size = message("big enough").length();
    store = new FsMailboxStore(vertx, root, QuotaLimits.everyAccount(size + size / 2));
    long uid = append("INBOX", "big enough");
    assertInstanceOf(QuotaExceededException.class, refusal(store.copy(ALICE, "INBOX", List.of(uid), "Archive")));
    assertEquals(0, await(store.status(ALICE, "Archive")).messages());
    UidMapping moved = await(store.move(ALICE, "INBOX", List.of(uid), "Archive"));
    assertEquals(List.of(uid), moved.sourceUids());
  }

  @Test
  void aRecreatedMailboxGetsANewUidValidity() {
    await(store.create(ALICE, "Temp", Optional.empty()));
    long first = await(store.status(ALICE, "Temp")).uidValidity();
    await(store.delete(ALICE, "Temp"));
    await(store.create(ALICE, "Temp", Optional.empty()));
    assertNotEquals(first, await(store.status(ALICE, "Temp")).uidValidity());
  }

  @Test
  void openFindsAFileAnotherToolRenamedSinceTheLastScan() throws Exception {
    long uid = append("INBOX", "renamed");
    await(store.status(ALICE, "INBOX"));
    Path file = listPaths(accountDir().resolve("new")).get(0);
    Files.move(file, accountDir().resolve("cur").resolve(file.getFileName() + ":2,S"));
    assertArrayEquals(message("renamed").getBytes(), read(await(store.open(ALICE, "INBOX", uid))).getBytes());
    FlagUpdateResult flagged = await(store.updateFlags(ALICE, "INBOX", List.of(uid), FlagMode.ADD,
        Set.of(Flags.FLAGGED), OptionalLong.empty()));
    assertEquals(Set.of(Flags.SEEN, Flags.FLAGGED), flagged.changed().get(flagged.changed().size() - 1).flags());
    assertTrue(listNames(accountDir().resolve("cur")).get(0).endsWith(":2,FS"));
  }

  @Test
  void flagUpdateKeepsFlagsAnotherToolSetSinceTheLastScan() throws Exception {
    long uid = append("INBOX", "seen elsewhere");
    await(store.status(ALICE, "INBOX"));
    Path file = listPaths(accountDir().resolve("new")).get(0);
    Files.move(file, accountDir().resolve("cur").resolve(file.getFileName() + ":2,S"));
    FlagUpdateResult flagged = await(store.updateFlags(ALICE, "INBOX", List.of(uid), FlagMode.ADD,
        Set.of(Flags.FLAGGED), OptionalLong.empty()));
    assertEquals(Set.of(Flags.SEEN, Flags.FLAGGED), flagged.changed().get(0).flags());
    assertEquals(List.of(file.getFileName() + ":2,FS"), listNames(accountDir().resolve("cur")));
    MailboxStatus status = await(store.status(ALICE, "INBOX"));
    assertEquals(flagged.changed().get(0).modSeq(), status.highestModSeq());
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.readString(file).contains(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<Path> listPaths(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return new ArrayList<>(files.toList());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> listNames(Path dir) {
    return listPaths(dir).stream().map(p -> p.getFileName().toString()).toList();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
