package dev.tern.access.internal;

import dev.tern.access.RecipientResolution;
import dev.tern.access.address.DomainNames;
import dev.tern.access.address.MailAddress;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an address into where its mail goes, against one {@link AccountSnapshot}.
 *
 * <p>Order for an address of a local domain: an alias of that exact address; an account; for
 * {@code postmaster} (always accepted, RFC 5321 4.5.1): the catch-all alias, then the
 * alphabetically first account of the domain, then the mailbox {@code postmaster@domain} itself; for
 * anyone else the catch-all alias {@code @domain}; otherwise unknown. Alias targets are expanded the
 * same way, recursively up to {@link #MAX_DEPTH} levels; targets of other domains become forwards.
 * An alias that reaches an address already being expanded stops there: if that address is an account
 * it receives the mail (the "alice: alice, bob" keep-a-copy idiom), otherwise the branch is a loop and
 * is dropped, as are targets of local domains that are neither accounts nor aliases. Such defects are
 * reported in {@link Expansion#problems()} so that loaders and admin tools can name them.
 */
public final class RecipientResolver {

  public static final int MAX_DEPTH = 10;
  static final String POSTMASTER = "postmaster";

  private final AccountSnapshot snapshot;

  public RecipientResolver(AccountSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /** What one address expanded to, and what went wrong on the way. */
  public record Expansion(boolean known, List<String> mailboxes, List<String> forwards, List<String> problems) {
  }

  public RecipientResolution resolve(String address) {
    if (address == null || address.isEmpty()) {
      return RecipientResolution.unknown();
    }
    int at = address.lastIndexOf('@');
    if (at < 0) {
      // RFC 5321 4.5.1: "RCPT TO:<Postmaster>" without a domain must be accepted.
      return address.equalsIgnoreCase(POSTMASTER) && snapshot.defaultDomain().isPresent()
          ? toResolution(expand(POSTMASTER + "@" + snapshot.defaultDomain().get()))
          : RecipientResolution.unknown();
    }
    String domain;
    try {
      domain = DomainNames.normalize(address.substring(at + 1));
    } catch (IllegalArgumentException e) {
      return RecipientResolution.remote();
    }
    if (!snapshot.isLocalCanonicalDomain(domain)) {
      return RecipientResolution.remote();
    }
    Optional<MailAddress> parsed = MailAddress.tryParse(address);
    if (parsed.isEmpty()) {
      return RecipientResolution.unknown();
    }
    return toResolution(expand(parsed.get().toString()));
  }

  private static RecipientResolution toResolution(Expansion expansion) {
    if (!expansion.known() || expansion.mailboxes().isEmpty() && expansion.forwards().isEmpty()) {
      return RecipientResolution.unknown();
    }
    return new RecipientResolution(RecipientResolution.Kind.LOCAL, expansion.mailboxes(), expansion.forwards());
  }

  /** Expands a canonical address (or a catch-all source {@code @domain}) of a local domain. */
  public Expansion expand(String canonical) {
    Walk walk = new Walk();
    boolean known = walk.visit(canonical, 0);
    return new Expansion(known, List.copyOf(walk.mailboxes), List.copyOf(walk.forwards), List.copyOf(walk.problems));
  }

  private final class Walk {
    final Set<String> mailboxes = new LinkedHashSet<>();
    final Set<String> forwards = new LinkedHashSet<>();
    final Set<String> problems = new LinkedHashSet<>();
    final LinkedHashSet<String> path = new LinkedHashSet<>();

    /** Returns whether {@code node} is a known address (alias, account, postmaster or caught). */
    boolean visit(String node, int depth) {
      if (path.contains(node)) {
        if (snapshot.users().containsKey(node)) {
          mailboxes.add(node);
        } else {
          problems.add("alias loop: " + String.join(" -> ", path) + " -> " + node);
        }
        return true;
      }
      if (depth > MAX_DEPTH) {
        problems.add("alias chain deeper than " + MAX_DEPTH + ": " + String.join(" -> ", path) + " -> " + node);
        return true;
      }
      path.add(node);
      try {
        return visitFresh(node, depth);
      } finally {
        path.remove(node);
      }
    }

    private boolean visitFresh(String node, int depth) {
      List<String> targets = snapshot.aliases().get(node);
      if (targets != null) {
        targets.forEach(target -> visitTarget(target, depth));
        return true;
      }
      if (snapshot.users().containsKey(node)) {
        mailboxes.add(node);
        return true;
      }
      int at = node.lastIndexOf('@');
      if (at <= 0) {
        return false; // a catch-all source that has no alias: nothing catches
      }
      String local = node.substring(0, at);
      String domain = node.substring(at + 1);
      String catchAll = "@" + domain;
      if (snapshot.aliases().containsKey(catchAll)) {
        return visit(catchAll, depth + 1);
      }
      if (local.equals(POSTMASTER)) {
        mailboxes.add(firstAccountOf(domain).orElse(node));
        return true;
      }
      return false;
    }

    private void visitTarget(String target, int depth) {
      int at = target.lastIndexOf('@');
      String domain = at < 0 ? "" : target.substring(at + 1);
      if (!snapshot.isLocalCanonicalDomain(domain)) {
        forwards.add(target);
      } else if (!visit(target, depth + 1)) {
        problems.add("alias target " + target + " is neither an account nor an alias");
      }
    }

    private Optional<String> firstAccountOf(String domain) {
      List<String> accounts = new ArrayList<>();
      for (String user : snapshot.users().keySet()) {
        if (user.endsWith("@" + domain)) {
          accounts.add(user);
        }
      }
      return accounts.stream().sorted().findFirst();
    }
  }
}
