package dev.tern.access.fs;

import dev.tern.access.AccountStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Path;

/** The server's view of the account files; reloads them when they change. Built on the access branch. */
public abstract class FsAccountStore implements AccountStore {

  public static Future<FsAccountStore> open(Vertx vertx, Path accountsDirectory) {
    return Future.failedFuture(new IllegalStateException("FsAccountStore is built on the access branch"));
  }

  public abstract Future<Void> close();
}
