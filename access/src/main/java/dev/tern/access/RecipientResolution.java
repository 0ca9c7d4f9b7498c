package dev.tern.access;

import java.util.List;

/**
 * Where mail for one address goes.
 *
 * @param kind      what the address is
 * @param mailboxes local accounts that receive it (canonical addresses), after alias expansion
 * @param forwards  non-local addresses an alias points to; they are relayed onwards
 */
public record RecipientResolution(Kind kind, List<String> mailboxes, List<String> forwards) {

  public enum Kind {
    /** The domain is local and the address is an account or an alias. */
    LOCAL,
    /** The domain is local but nobody by that name lives here. */
    UNKNOWN,
    /** The domain is not one of ours. */
    REMOTE
  }

  public RecipientResolution {
    mailboxes = List.copyOf(mailboxes);
    forwards = List.copyOf(forwards);
  }

  public static RecipientResolution remote() {
    return new RecipientResolution(Kind.REMOTE, List.of(), List.of());
  }

  public static RecipientResolution unknown() {
    return new RecipientResolution(Kind.UNKNOWN, List.of(), List.of());
  }
}
