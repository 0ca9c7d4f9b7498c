package dev.tern.delivery.local;

import io.vertx.core.buffer.Buffer;

/**
 * The message of a pass as local delivery needs it.
 *
 * @param body  the whole stored body when it is small enough to hold, else null (it is streamed per use)
 * @param trace its Delivered-To lines
 */
record Original(Buffer body, DeliveredTo trace) {

  boolean inMemory() {
    return body != null;
  }
}
