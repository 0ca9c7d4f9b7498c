package dev.tern.relay.internal.session;

import io.vertx.core.buffer.Buffer;

/** Takes the framer's records while a DATA or BDAT body is being read. */
public interface BodyReceiver {

  void onRecord(Buffer record);
}
