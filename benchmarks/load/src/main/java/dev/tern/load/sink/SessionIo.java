package dev.tern.load.sink;

import io.vertx.core.Future;

/** What the SMTP dialog asks of its connection. Every call happens on the connection's event loop. */
interface SessionIo {

  /** Queues a reply; replies to one batch of pipelined commands go out in one write. */
  void reply(byte[] reply);

  /** Reads a DATA body next, up to its CRLF "." CRLF. */
  void receiveData();

  /** Reads exactly {@code octets} of a BDAT chunk next. */
  void receiveChunk(long octets);

  /** After the queued replies (the last one being 220), starts TLS; input until the handshake is discarded. */
  void startTls();

  /** Closes the connection once the queued replies are written; further input is discarded. */
  void closeAfterReplies();

  /** Stops reading commands until {@code reply} is known, then sends it and goes on. */
  void awaitReply(Future<byte[]> reply);

  boolean inTls();
}
