package dev.tern.access.imap.internal.fetch;

import dev.tern.access.imap.internal.codec.FetchItem;
import dev.tern.access.imap.internal.codec.ImapDates;
import dev.tern.access.imap.internal.codec.ImapStrings;
import dev.tern.access.imap.internal.codec.SectionSpec;
import dev.tern.access.imap.internal.message.MessageLoader;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.mime.FetchStructureWriter;
import dev.tern.access.imap.internal.mime.MessageStructure;
import dev.tern.access.imap.internal.mime.SectionContent;
import dev.tern.access.imap.internal.mime.SectionResolver;
import dev.tern.access.mailbox.Flags;
import dev.tern.access.mailbox.MessageContent;
import dev.tern.access.mailbox.MessageSummary;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes one message's {@code * n FETCH (...)} response from what was prepared for it. Everything is written
 * at once when the message is in memory (the common case, so the FETCH loop goes on without a callback);
 * sections of a message too big for memory are streamed from the store, each from a fresh read, which makes
 * the response asynchronous. The first stream is opened before anything of the response is written, so a
 * message expunged meanwhile is skipped cleanly.
 */
final class MessageResponder {

  /** System flags in the order Dovecot writes them; \Recent after them, keywords last. */
  private static final List<String> SYSTEM_FLAG_ORDER =
      List.of(Flags.ANSWERED, Flags.FLAGGED, Flags.DELETED, Flags.SEEN, Flags.DRAFT);
  private static final String RECENT = "\\Recent";

  private final FetchPlan plan;
  private final Set<Long> addFlagsFor;
  private final MessageLoader loader;
  private final ResponseWriter writer;

  MessageResponder(FetchPlan plan, Set<Long> addFlagsFor, MessageLoader loader, ResponseWriter writer) {
    this.plan = plan;
    this.addFlagsFor = addFlagsFor;
    this.loader = loader;
    this.writer = writer;
  }

  /** Writes the response; the future tells whether the message was answered (false: it is gone). */
  Future<Boolean> write(PreparedMessage message) {
    if (message.gone()) {
      return Future.succeededFuture(false);
    }
    if (message.bytes() != null || !plan.needsContent()) {
      writeItems(message, 0, null);
      return Future.succeededFuture(true);
    }
    return loader.open(message.view().uid()).transform(opened -> {
      if (opened.failed()) {
        return MessageLoader.isGone(opened.cause()) ? Future.succeededFuture(false) : Future.failedFuture(opened.cause());
      }
      return writeItems(message, 0, opened.result()).map(true);
    });
  }

  /**
   * Writes items from {@code from} on; returns when a streamed section has to be waited for, continuing
   * after it. {@code opened} is a stream already open for the first streamed section, or null.
   */
  private Future<Void> writeItems(PreparedMessage message, int from, MessageContent opened) {
    MessageView view = message.view();
    if (from == 0) {
      writer.ascii("* " + view.sequence() + " FETCH (");
    }
    List<FetchItem> items = plan.items();
    for (int i = from; i < items.size(); i++) {
      if (i > 0) {
        writer.ascii(" ");
      }
      FetchItem item = items.get(i);
      if (item instanceof FetchItem.Attribute attribute) {
        Optional<SectionRequest> section = writeAttribute(message, attribute);
        if (section.isPresent() && message.bytes() == null) {
          return streamThenContinue(message, i, section.get(), opened);
        }
      } else {
        FetchItem.BodySection body = (FetchItem.BodySection) item;
        SectionRequest section = new SectionRequest(body.responseName(), body.section(),
            body.partialOffset().orElse(-1), body.partialLength().orElse(Long.MAX_VALUE));
        if (message.bytes() == null) {
          return streamThenContinue(message, i, section, opened);
        }
        writeInMemory(message, section);
      }
    }
    if (!plan.hasFlags() && addFlagsFor.contains(view.summary().uid())) {
      writer.ascii(items.isEmpty() ? "" : " ");
      writeFlags(view.summary());
    }
    writer.ascii(")\r\n");
    if (opened != null) {
      opened.close(); // no section needed it after all
    }
    return Future.succeededFuture();
  }

  /** Writes an attribute; for RFC822, RFC822.HEADER and RFC822.TEXT returns the section to send instead. */
  private Optional<SectionRequest> writeAttribute(PreparedMessage message, FetchItem.Attribute attribute) {
    MessageSummary summary = message.view().summary();
    switch (attribute) {
      case UID -> writer.ascii("UID " + summary.uid());
      case FLAGS -> writeFlags(summary);
      case INTERNALDATE -> writer.ascii("INTERNALDATE "
          + ImapDates.formatDateTime(OffsetDateTime.ofInstant(summary.internalDate(), ZoneOffset.UTC)));
      case RFC822_SIZE -> writer.ascii("RFC822.SIZE " + summary.size());
      case MODSEQ -> writer.ascii("MODSEQ (" + summary.modSeq() + ")");
      case ENVELOPE -> {
        writer.ascii("ENVELOPE ");
        writer.bytes(FetchStructureWriter.envelope(message.structure()));
      }
      case BODY -> {
        writer.ascii("BODY ");
        writer.bytes(FetchStructureWriter.body(message.structure()));
      }
      case BODYSTRUCTURE -> {
        writer.ascii("BODYSTRUCTURE ");
        writer.bytes(FetchStructureWriter.bodyStructure(message.structure()));
      }
      case RFC822, RFC822_HEADER, RFC822_TEXT -> {
        SectionSpec spec = switch (attribute) {
          case RFC822_HEADER -> SectionSpec.of(SectionSpec.Kind.HEADER);
          case RFC822_TEXT -> SectionSpec.of(SectionSpec.Kind.TEXT);
          default -> SectionSpec.whole();
        };
        SectionRequest section = new SectionRequest(attribute.wire(), spec, -1, Long.MAX_VALUE);
        if (message.bytes() == null) {
          return Optional.of(section);
        }
        writeInMemory(message, section);
      }
      default -> throw new IllegalStateException("unknown item " + attribute);
    }
    return Optional.empty();
  }

  private void writeFlags(MessageSummary summary) {
    Set<String> flags = new HashSet<>(summary.flags());
    if (addFlagsFor.contains(summary.uid())) {
      flags.add(Flags.SEEN);
    }
    List<String> ordered = new ArrayList<>();
    for (String flag : SYSTEM_FLAG_ORDER) {
      if (flags.remove(flag)) {
        ordered.add(flag);
      }
    }
    if (summary.recent()) {
      ordered.add(RECENT);
    }
    ordered.addAll(new TreeSet<>(flags));
    Buffer list = Buffer.buffer(16 + 12 * ordered.size()).appendString("FLAGS ");
    writer.buffer(ImapStrings.flagList(list, ordered));
  }

  /** A body section to send: the response name, what, and the partial (origin -1 for none). */
  private record SectionRequest(String name, SectionSpec spec, long origin, long length) {
  }

  private Optional<SectionContent> resolve(PreparedMessage message, SectionRequest request) {
    Optional<SectionContent> content;
    if (request.spec().equals(SectionSpec.whole())) {
      long size = message.bytes() != null ? message.bytes().length : message.structure().size();
      content = Optional.of(SectionContent.whole(size));
    } else {
      content = SectionResolver.resolve(message.structure(), request.spec());
    }
    return request.origin() < 0 ? content : content.map(c -> c.partial(request.origin(), request.length()));
  }

  private void writeInMemory(PreparedMessage message, SectionRequest request) {
    Optional<SectionContent> content = resolve(message, request);
    if (content.isEmpty()) {
      writer.ascii(request.name() + " NIL");
      return;
    }
    writer.ascii(request.name() + " {" + content.get().length() + "}\r\n");
    byte[] bytes = message.bytes();
    for (SectionContent.Piece piece : content.get().pieces()) {
      if (piece instanceof SectionContent.RawRange range) {
        writer.bytes(bytes, (int) range.start(), (int) range.length());
      } else {
        writer.bytes(((SectionContent.Synthesised) piece).bytes());
      }
    }
  }

  /** Streams item {@code index}'s section, then writes the rest of the response. */
  private Future<Void> streamThenContinue(PreparedMessage message, int index, SectionRequest request,
                                          MessageContent opened) {
    Optional<SectionContent> content = resolve(message, request);
    if (content.isEmpty()) {
      writer.ascii(request.name() + " NIL");
      return writeItems(message, index + 1, opened);
    }
    writer.ascii(request.name() + " {" + content.get().length() + "}\r\n");
    Future<MessageContent> stream = opened != null ? Future.succeededFuture(opened)
        : loader.open(message.view().uid()).recover(failure -> Future.failedFuture(
            new IncompleteResponseException("message " + message.view().uid() + " could not be read again", failure)));
    return stream.compose(source -> SectionStreamer.stream(source, content.get(), writer))
        .compose(v -> writeItems(message, index + 1, null));
  }
}
