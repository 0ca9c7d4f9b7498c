package dev.tern.ops.server;

import dev.tern.access.AccountStore;
import dev.tern.access.fs.FsAccountStore;
import dev.tern.access.fs.FsAccounts;
import dev.tern.delivery.Spool;
import dev.tern.delivery.fs.FsSpool;
import dev.tern.delivery.fs.FsSpoolOptions;
import dev.tern.relay.SmtpServer;
import dev.tern.relay.SmtpServerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The three parts TernServer wires together. {@link #embedded()} is the real thing (fs accounts, fs
 * spool, relay's SmtpServer); tests of the composition itself may pass in-memory parts.
 */
public interface TernBackends {

  /** Creates the account files on first start. Blocking; called before Vert.x starts. */
  void initializeAccounts(Path accountsDirectory, List<String> localDomains) throws IOException;

  Future<OpenAccounts> openAccounts(Vertx vertx, Path accountsDirectory);

  Future<Spool> openSpool(Vertx vertx, FsSpoolOptions options, MeterRegistry meters);

  SmtpService smtpServer(Vertx vertx, SmtpServerOptions options, Spool spool, AccountStore accounts, MeterRegistry meters);

  static TernBackends embedded() {
    return new TernBackends() {
      @Override
      public void initializeAccounts(Path accountsDirectory, List<String> localDomains) throws IOException {
        FsAccounts.initialize(accountsDirectory, localDomains);
      }

      @Override
      public Future<OpenAccounts> openAccounts(Vertx vertx, Path accountsDirectory) {
        return FsAccountStore.open(vertx, accountsDirectory).map(store -> new OpenAccounts(store, store::close));
      }

      @Override
      public Future<Spool> openSpool(Vertx vertx, FsSpoolOptions options, MeterRegistry meters) {
        return FsSpool.open(vertx, options, meters).map(spool -> spool);
      }

      @Override
      public SmtpService smtpServer(Vertx vertx, SmtpServerOptions options, Spool spool, AccountStore accounts,
          MeterRegistry meters) {
        SmtpServer server = new SmtpServer(vertx, options, spool, accounts, meters);
        return new SmtpService() {
          @Override
          public Future<Void> start() {
            return server.start();
          }

          @Override
          public int actualPort(String listenerName) {
            return server.actualPort(listenerName);
          }

          @Override
          public Future<Void> shutdown(Duration grace) {
            return server.shutdown(grace);
          }
        };
      }
    };
  }
}
