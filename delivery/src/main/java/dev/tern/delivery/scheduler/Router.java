package dev.tern.delivery.scheduler;

import dev.tern.access.AccountStore;
import dev.tern.delivery.route.MxResolver;
import dev.tern.delivery.route.RouteFailure;
import io.vertx.core.Future;

import java.net.IDN;

/** Decides the {@link Route} of a recipient domain; never fails its future. */
final class Router {

  private final AccountStore accounts;
  private final MxResolver resolver;
  private final Smarthost smarthost;

  Router(AccountStore accounts, MxResolver resolver, Smarthost smarthost) {
    this.accounts = accounts;
    this.resolver = resolver;
    this.smarthost = smarthost;
  }

  Future<Route> route(String domain) {
    if (domain.isEmpty()) {
      // A bare local part (postmaster) is for this server.
      return Future.succeededFuture(new Route.Local());
    }
    return accounts.isLocalDomain(domain)
        .compose(local -> local ? Future.<Route>succeededFuture(new Route.Local()) : remote(domain))
        .recover(e -> Future.succeededFuture(unroutable(e)));
  }

  private Future<Route> remote(String domain) {
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(new Route.Unroutable(true, "550 5.1.2 bad destination domain " + domain));
    }
    return (smarthost != null ? smarthost.destination(ascii) : resolver.resolve(ascii)).map(Route.Remote::new);
  }

  private static Route unroutable(Throwable e) {
    if (e instanceof RouteFailure failure) {
      return new Route.Unroutable(failure.permanent(), failure.replyText());
    }
    return new Route.Unroutable(false, "451 4.4.3 no route now: " + e.getMessage());
  }
}
