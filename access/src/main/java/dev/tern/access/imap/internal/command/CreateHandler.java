package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.MailboxNames;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.SpecialUse;
import io.vertx.core.Future;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * CREATE (RFC 3501 section 6.3.3) with {@code (USE (...))} of RFC 6154 (CREATE-SPECIAL-USE). A trailing
 * delimiter only declares that children will follow ("foo." creates "foo"); missing superior levels are
 * created first ({@link Superiors}). A name that exists, INBOX included, is NO [ALREADYEXISTS]; a name the
 * store refuses is NO [CANNOT]; a special-use attribute we do not know, or more than one (the store keeps one
 * per mailbox), is NO [USEATTR]. Giving an attribute another mailbox holds moves it to the new one.
 */
final class CreateHandler {

  private CreateHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Create command) {
    String name = command.mailbox();
    if (name.length() > 1 && name.charAt(name.length() - 1) == MailboxNames.DELIMITER) {
      name = name.substring(0, name.length() - 1);
    }
    Set<SpecialUse> uses = new LinkedHashSet<>();
    for (String attribute : command.specialUse()) {
      Optional<SpecialUse> use = SpecialUse.fromAttribute(attribute);
      if (use.isEmpty()) {
        return Future.succeededFuture(Completion.no(ImapResponseCode.USEATTR,
            "special-use attribute not supported: " + printable(attribute)));
      }
      uses.add(use.get());
    }
    if (uses.size() > 1) {
      return Future.succeededFuture(Completion.no(ImapResponseCode.USEATTR,
          "a mailbox can have one special-use attribute"));
    }
    String canonical;
    try {
      canonical = MailboxNames.canonical(name);
    } catch (MailboxException refusal) {
      return Future.succeededFuture(Completion.failure(refusal));
    }
    MailboxStore store = session.services().mailboxes();
    String account = session.account();
    Optional<SpecialUse> use = uses.stream().findFirst();
    Future<Void> created = store.list(account).compose(existing -> {
      if (Superiors.exists(existing, canonical)) {
        return Future.failedFuture(new MailboxException(MailboxException.Reason.ALREADY_EXISTS, "exists"));
      }
      return Superiors.create(store, account, canonical, existing)
          .compose(v -> store.create(account, canonical, use));
    });
    return session.onContext(created).transform(ar -> Future.succeededFuture(
        ar.succeeded() ? Completion.ok("CREATE completed") : Completion.failure(ar.cause())));
  }

  /** The attribute as the client sent it, fit for a response text. */
  private static String printable(String attribute) {
    String text = attribute.replaceAll("[^\\x21-\\x7e]", "?");
    return text.length() > 60 ? text.substring(0, 60) : text;
  }
}
