package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseBuilder;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.mailbox.MailboxNames;
import dev.tern.access.mailbox.MailboxStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * LIST (RFC 3501 section 6.3.8) with LIST-EXTENDED (RFC 5258: selection options SUBSCRIBED, REMOTE,
 * RECURSIVEMATCH, return options SUBSCRIBED and CHILDREN, several patterns), SPECIAL-USE (RFC 6154) and
 * LIST-STATUS (RFC 5819). \HasChildren/\HasNoChildren and special-use attributes are always given (CHILDREN,
 * RFC 3348, lets a server do so), \Subscribed only when asked for. A hierarchy level that is not a mailbox is
 * listed, as \Noselect (\NonExistent in an extended LIST), when a pattern ending in "%" matches it, or with
 * CHILDINFO under RECURSIVEMATCH.
 */
final class ListHandler {

  private ListHandler() {
  }

  /** What one LIST command asked for. */
  private record Request(List<ListPattern> patterns, boolean extended, boolean bySubscription, boolean bySpecialUse,
                         boolean recursive, boolean returnSubscribed) {

    boolean anySelection() {
      return bySubscription || bySpecialUse;
    }
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.ListMailboxes command) {
    if (command.lsub()) {
      return LsubHandler.handle(session, command);
    }
    Set<String> selection = command.selectionOptions();
    boolean bySubscription = selection.contains("SUBSCRIBED");
    boolean bySpecialUse = selection.contains("SPECIAL-USE");
    boolean recursive = selection.contains("RECURSIVEMATCH");
    if (recursive && !bySubscription && !bySpecialUse) {
      // RFC 5258 section 3: RECURSIVEMATCH alone (or with REMOTE) is a syntax error.
      return Future.succeededFuture(Completion.bad("RECURSIVEMATCH needs another selection option"));
    }
    boolean extended = !selection.isEmpty() || !command.returnOptions().isEmpty() || command.patterns().size() > 1;
    List<ListPattern> patterns = new ArrayList<>();
    for (String pattern : command.patterns()) {
      if (!pattern.isEmpty()) {
        patterns.add(ListPattern.of(command.reference(), pattern));
      }
    }
    if (patterns.isEmpty()) {
      // An empty mailbox argument asks for the delimiter, whatever the options.
      session.send(rootLine("LIST"));
      return Future.succeededFuture(Completion.ok("LIST completed"));
    }
    if (command.returnStatus().contains(ImapCommand.StatusItem.HIGHESTMODSEQ)) {
      session.enable(ImapSession.Extension.CONDSTORE);
    }
    Request request = new Request(patterns, extended, bySubscription, bySpecialUse, recursive,
        bySubscription || command.returnOptions().contains("SUBSCRIBED"));
    MailboxStore store = session.services().mailboxes();
    String account = session.account();
    Future<List<String>> subscriptions = bySubscription
        ? store.subscriptions(account) : Future.succeededFuture(List.of());
    Future<MailboxTree> loaded = store.list(account)
        .compose(mailboxes -> subscriptions.map(names -> new MailboxTree(mailboxes, names)));
    return session.onContext(loaded).transform(ar -> {
      if (ar.failed()) {
        return Future.succeededFuture(Completion.failure(ar.cause()));
      }
      List<Listed> listed = select(request, ar.result());
      return send(session, listed, command.returnStatus())
          .map(v -> Completion.ok("LIST completed"));
    });
  }

  /** {@code * LIST (\Noselect) "." ""}: the delimiter and the (empty) root of our single namespace. */
  static Buffer rootLine(String verb) {
    return ImapResponseBuilder.untagged().atom(verb).flags(List.of("\\Noselect")).string(".").string("").build();
  }

  /** One LIST response line to send, and whether its mailbox can have a STATUS after it. */
  private record Listed(String name, List<String> attributes, List<String> childInfo, boolean selectable) {
  }

  private static List<Listed> select(Request request, MailboxTree tree) {
    List<String> candidates = new ArrayList<>(tree.existingNames());
    if (request.bySubscription()) {
      candidates.addAll(tree.subscribedNames());
    }
    List<Listed> listed = new ArrayList<>();
    for (String name : MailboxTree.withLevels(candidates)) {
      boolean matched = false;
      boolean percentLevel = false;
      for (ListPattern pattern : request.patterns()) {
        if (pattern.matches(name)) {
          matched = true;
          percentLevel |= pattern.endsWithPercent();
        }
      }
      if (!matched) {
        continue;
      }
      boolean meets = meets(request, tree, name);
      boolean childMeets = request.recursive() && descendantMeets(request, tree, name);
      boolean level = !request.anySelection() && percentLevel && !tree.exists(name) && tree.hasChildren(name);
      if (meets || childMeets || level) {
        listed.add(new Listed(name, attributes(request, tree, name),
            childMeets ? childInfo(request) : List.of(), tree.exists(name)));
      }
    }
    return listed;
  }

  /** The selection criteria: existence, or the selection options given (RFC 5258 section 3, RFC 6154). */
  private static boolean meets(Request request, MailboxTree tree, String name) {
    if (request.bySubscription() && !tree.subscribed(name)) {
      return false;
    }
    if (request.bySpecialUse() && tree.specialUse(name).isEmpty()) {
      return false;
    }
    return request.bySubscription() || tree.exists(name);
  }

  private static boolean descendantMeets(Request request, MailboxTree tree, String name) {
    String prefix = name + MailboxNames.DELIMITER;
    Set<String> pool = request.bySubscription() ? tree.subscribedNames() : tree.existingNames();
    for (String other : pool) {
      if (other.startsWith(prefix) && meets(request, tree, other)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> childInfo(Request request) {
    List<String> info = new ArrayList<>();
    if (request.bySubscription()) {
      info.add("SUBSCRIBED");
    }
    if (request.bySpecialUse()) {
      info.add("SPECIAL-USE");
    }
    return info;
  }

  private static List<String> attributes(Request request, MailboxTree tree, String name) {
    List<String> attributes = new ArrayList<>();
    boolean exists = tree.exists(name);
    if (!exists) {
      attributes.add(request.extended() ? "\\NonExistent" : "\\Noselect");
    }
    if (tree.hasChildren(name)) {
      attributes.add("\\HasChildren");
    } else if (exists) {
      attributes.add("\\HasNoChildren");
    }
    if (request.returnSubscribed() && tree.subscribed(name)) {
      attributes.add("\\Subscribed");
    }
    tree.specialUse(name).ifPresent(use -> attributes.add(use.attribute()));
    return attributes;
  }

  /** The LIST lines in order, each selectable one followed by its STATUS when LIST-STATUS asked for it. */
  private static Future<Void> send(ImapSession session, List<Listed> listed, List<ImapCommand.StatusItem> status) {
    Future<Void> chain = Future.succeededFuture();
    for (Listed entry : listed) {
      chain = chain.compose(v -> {
        session.send(listLine(entry));
        if (status.isEmpty() || !entry.selectable()) {
          return Future.succeededFuture();
        }
        // RFC 5819: a mailbox whose status cannot be had (deleted meanwhile) just gets no STATUS line.
        return session.onContext(session.services().mailboxes().status(session.account(), entry.name()))
            .transform(ar -> {
              if (ar.succeeded()) {
                session.send(StatusHandler.statusLine(entry.name(), status, ar.result()));
              }
              return Future.<Void>succeededFuture();
            });
      });
    }
    return chain;
  }

  private static Buffer listLine(Listed entry) {
    ImapResponseBuilder line = ImapResponseBuilder.untagged().atom("LIST").flags(entry.attributes()).string(".")
        .mailbox(entry.name());
    if (!entry.childInfo().isEmpty()) {
      line.open().string("CHILDINFO").open();
      entry.childInfo().forEach(line::string);
      line.close().close();
    }
    return line.build();
  }
}
