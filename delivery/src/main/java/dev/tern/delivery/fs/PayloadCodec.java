package dev.tern.delivery.fs;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueId;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes the two payload kinds: a message (segment files) and a recipient state (journal). Strings
 * are {@code int length, UTF-8}, with length -1 for null. A message payload ends with the body when
 * it is inline, so the body's offset is {@code payload length - body length}.
 */
final class PayloadCodec {

  static final byte MESSAGE = 1;
  static final byte RECIPIENT_STATE = 2;
  static final byte BODY_INLINE = 0;
  static final byte BODY_FILE = 1;
  static final int MAX_REPLY_CHARS = 2000;

  private PayloadCodec() {}

  /** The part of a message record that stays in memory (the body never does). */
  record MessageHeader(QueueId id, Envelope envelope, long committedAtMillis, long bodyLength, boolean inline) {}

  /** Flag bit in a recipient state: a delay warning was sent. */
  static final int FLAG_DELAY_WARNED = 1;

  /**
   * A recipient's complete state after a change; replaying the newest one per recipient is enough. Records written
   * before flags existed end after the reply and read as no flags.
   */
  record RecipientStateRecord(QueueId id, int recipientIndex, QueueEntry.Status status, int attempts,
                              long nextAttemptAt, String lastReply, boolean delayWarned) {

    RecipientStateRecord(QueueId id, int recipientIndex, QueueEntry.Status status, int attempts,
                         long nextAttemptAt, String lastReply) {
      this(id, recipientIndex, status, attempts, nextAttemptAt, lastReply, false);
    }
  }

  static final class CorruptPayloadException extends Exception {
    CorruptPayloadException(String message) {
      super(message);
    }
  }

  static byte[] encodeMessage(MessageHeader header, byte[] inlineBody) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 + (inlineBody == null ? 0 : inlineBody.length));
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(MESSAGE);
      writeString(out, header.id().value());
      writeEnvelope(out, header.envelope());
      out.writeLong(header.committedAtMillis());
      out.writeLong(header.bodyLength());
      out.writeByte(header.inline() ? BODY_INLINE : BODY_FILE);
      if (header.inline()) {
        if (inlineBody == null || inlineBody.length != header.bodyLength()) {
          throw new IllegalArgumentException("inline body length does not match the header");
        }
        out.write(inlineBody);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MessageHeader decodeMessage(byte[] payload) throws CorruptPayloadException {
    try {
      ByteBuffer in = ByteBuffer.wrap(payload);
      if (in.get() != MESSAGE) {
        throw new CorruptPayloadException("not a message record");
      }
      QueueId id = new QueueId(readString(in));
      Envelope envelope = readEnvelope(in);
      long committedAt = in.getLong();
      long bodyLength = in.getLong();
      byte kind = in.get();
      if (bodyLength < 0 || (kind != BODY_INLINE && kind != BODY_FILE)) {
        throw new CorruptPayloadException("bad body description");
      }
      if (kind == BODY_INLINE && in.remaining() != bodyLength) {
        throw new CorruptPayloadException("inline body length mismatch");
      }
      if (kind == BODY_FILE && in.hasRemaining()) {
        throw new CorruptPayloadException("trailing bytes after message header");
      }
      return new MessageHeader(id, envelope, committedAt, bodyLength, kind == BODY_INLINE);
    } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
      throw new CorruptPayloadException("malformed message record: " + e.getMessage());
    }
  }

  static byte[] encodeState(RecipientStateRecord state) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(RECIPIENT_STATE);
      writeString(out, state.id().value());
      out.writeInt(state.recipientIndex());
      out.writeByte(state.status().ordinal());
      out.writeInt(state.attempts());
      out.writeLong(state.nextAttemptAt());
      String reply = state.lastReply();
      writeString(out, reply.length() > MAX_REPLY_CHARS ? reply.substring(0, MAX_REPLY_CHARS) : reply);
      out.writeByte(state.delayWarned() ? FLAG_DELAY_WARNED : 0);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RecipientStateRecord decodeState(byte[] payload) throws CorruptPayloadException {
    try {
      ByteBuffer in = ByteBuffer.wrap(payload);
      if (in.get() != RECIPIENT_STATE) {
        throw new CorruptPayloadException("not a recipient state record");
      }
      QueueId id = new QueueId(readString(in));
      int index = in.getInt();
      int status = in.get();
      QueueEntry.Status[] statuses = QueueEntry.Status.values();
      if (index < 0 || status < 0 || status >= statuses.length) {
        throw new CorruptPayloadException("bad recipient state");
      }
      int attempts = in.getInt();
      long next = in.getLong();
      String reply = readString(in);
      int flags = in.hasRemaining() ? in.get() : 0;
      if (in.hasRemaining()) {
        throw new CorruptPayloadException("trailing bytes after recipient state");
      }
      return new RecipientStateRecord(id, index, statuses[status], attempts, next, reply == null ? "" : reply,
          (flags & FLAG_DELAY_WARNED) != 0);
    } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
      throw new CorruptPayloadException("malformed recipient state record: " + e.getMessage());
    }
  }

  private static void writeEnvelope(DataOutputStream out, Envelope envelope) throws IOException {
    writeString(out, envelope.sender());
    out.writeInt(envelope.recipients().size());
    for (String recipient : envelope.recipients()) {
      writeString(out, recipient);
    }
    Instant received = envelope.receivedAt();
    out.writeBoolean(received != null);
    if (received != null) {
      out.writeLong(received.getEpochSecond());
      out.writeInt(received.getNano());
    }
    writeString(out, envelope.clientAddress());
    writeString(out, envelope.clientHelo());
    writeString(out, envelope.authenticatedUser());
    out.writeBoolean(envelope.smtpUtf8());
    out.writeByte(envelope.body() == null ? -1 : envelope.body().ordinal());
    writeString(out, envelope.envelopeId());
  }

  private static Envelope readEnvelope(ByteBuffer in) throws CorruptPayloadException {
    String sender = readString(in);
    int count = in.getInt();
    if (count <= 0 || count > in.remaining() / 4) {
      throw new CorruptPayloadException("bad recipient count " + count);
    }
    List<String> recipients = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      recipients.add(readString(in));
    }
    Instant received = in.get() != 0 ? Instant.ofEpochSecond(in.getLong(), in.getInt()) : null;
    String clientAddress = readString(in);
    String clientHelo = readString(in);
    String authenticatedUser = readString(in);
    boolean smtpUtf8 = in.get() != 0;
    int bodyType = in.get();
    Envelope.BodyType[] types = Envelope.BodyType.values();
    if (bodyType < -1 || bodyType >= types.length) {
      throw new CorruptPayloadException("bad body type " + bodyType);
    }
    String envelopeId = readString(in);
    return new Envelope(sender, recipients, received, clientAddress, clientHelo, authenticatedUser, smtpUtf8,
        bodyType < 0 ? null : types[bodyType], envelopeId);
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(ByteBuffer in) throws CorruptPayloadException {
    int length = in.getInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > in.remaining()) {
      throw new CorruptPayloadException("bad string length " + length);
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
