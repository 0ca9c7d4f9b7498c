package dev.tern.delivery.fs;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.SpoolHealth;
import dev.tern.delivery.SpoolUnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * One message being received. Up to {@link #INLINE_LIMIT} bytes are kept in memory and go into the
 * segment record; past that, everything is written to a staging file on the staging worker as it
 * arrives, so memory stays bounded by one chunk whatever the message size. All calls come from one
 * context, so the fields need no locking.
 */
final class FsIntake implements Intake {

  static final int INLINE_LIMIT = 256 * 1024;

  private static final Logger LOG = System.getLogger(FsIntake.class.getName());

  private enum State { OPEN, COMMITTING, COMMITTED, ABORTED, FAILED }

  private final FsSpool spool;
  private final WorkerExecutor staging;
  private final QueueId id;
  private final Envelope envelope;
  private State state = State.OPEN;
  private Buffer memory = Buffer.buffer();
  private StagingFile stageFile;
  private Future<Void> lastIo = Future.succeededFuture();
  private boolean writing;
  private long size;

  FsIntake(FsSpool spool, WorkerExecutor staging, QueueId id, Envelope envelope) {
    this.spool = spool;
    this.staging = staging;
    this.id = id;
    this.envelope = envelope;
  }

  @Override
  public Future<Void> write(Buffer chunk) {
    if (state != State.OPEN) {
      return Future.failedFuture(new IllegalStateException("write on an intake that is " + state.name().toLowerCase()));
    }
    if (writing) {
      return Future.failedFuture(new IllegalStateException("write before the previous write completed"));
    }
    SpoolHealth health = spool.health();
    if (!health.accepting()) {
      return Future.failedFuture(new SpoolUnavailableException(health.reason()));
    }
    size += chunk.length();
    if (stageFile == null && size <= INLINE_LIMIT) {
      memory.appendBuffer(chunk);
      return Future.succeededFuture();
    }
    byte[] bytes;
    if (stageFile == null) {
      stageFile = new StagingFile(SpoolFiles.stage(spool.directory(), id));
      bytes = memory.appendBuffer(chunk).getBytes();
      memory = null;
    } else {
      bytes = chunk.getBytes();
    }
    StagingFile file = stageFile;
    writing = true;
    lastIo = staging.<Void>executeBlocking(() -> {
      file.append(bytes);
      return null;
    }, false).andThen(done -> {
      writing = false;
      if (done.failed() && state == State.OPEN) {
        state = State.FAILED;
        LOG.log(Level.WARNING, "staging write of {0} failed: {1}", id, done.cause().toString());
        removeStaged();
      }
    });
    return lastIo;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Future<QueueId> commit() {
    switch (state) {
      case COMMITTING, COMMITTED:
        return Future.failedFuture(new IllegalStateException("commit called twice"));
      case ABORTED:
        return Future.failedFuture(new IllegalStateException("commit after abort"));
      case FAILED:
        return Future.failedFuture(new IllegalStateException("commit after a failed write"));
      default:
        break;
    }
    state = State.COMMITTING;
    long startNanos = System.nanoTime();
    Context context = spool.callerContext();
    SpoolHealth health = spool.health();
    if (!health.accepting()) {
      return failCommit(new SpoolUnavailableException(health.reason()));
    }
    Future<QueueId> queued;
    if (stageFile == null) {
      byte[] body = memory.getBytes();
      memory = null;
      queued = spool.append(new SpoolWriter.Append(id, envelope, body.length, body, null, Promise.promise(), context,
          startNanos));
    } else {
      StagingFile file = stageFile;
      long length = size;
      queued = lastIo
          .compose(v -> staging.<Void>executeBlocking(() -> {
            file.syncAndClose();
            return null;
          }, false))
          .compose(v -> spool.append(new SpoolWriter.Append(id, envelope, length, null, file.path(), Promise.promise(),
              context, startNanos)));
    }
    return queued.transform(result -> {
      if (result.succeeded()) {
        state = State.COMMITTED;
        return Future.succeededFuture(result.result());
      }
      return failCommit(result.cause());
    });
  }

  private Future<QueueId> failCommit(Throwable cause) {
    state = State.FAILED;
    memory = null;
    removeStaged();
    LOG.log(Level.DEBUG, "commit of {0} failed: {1}", id, cause.toString());
    return Future.failedFuture(cause);
  }

  @Override
  public void abort() {
    // Once commit() has started, its outcome stands: the writer may already have made it durable.
    if (state != State.OPEN) {
      return;
    }
    state = State.ABORTED;
    memory = null;
    removeStaged();
  }

  private void removeStaged() {
    StagingFile file = stageFile;
    if (file == null) {
      return;
    }
    stageFile = null;
    lastIo.eventually(() -> staging.<Void>executeBlocking(() -> {
      file.delete();
      return null;
    }, false)).onFailure(e -> LOG.log(Level.WARNING, "could not remove staging file {0}: {1}", file.path(), e));
  }
}
