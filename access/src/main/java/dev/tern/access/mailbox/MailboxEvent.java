package dev.tern.access.mailbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A change to one mailbox, published on the Vert.x event bus at {@link #address(String, String)} as a
 * {@link JsonObject} (so it also crosses a cluster). Sessions subscribe to the mailbox they have
 * selected; {@link #fromJson(JsonObject)} turns the message back into an event.
 */
public sealed interface MailboxEvent {

  String ADDRESS_PREFIX = "tern.mailbox.";

  String account();

  String mailbox();

  JsonObject toJson();

  /** Event bus address of one mailbox; names are canonical. */
  static String address(String account, String mailbox) {
    return ADDRESS_PREFIX + account + "/" + mailbox;
  }

  record Appended(String account, String mailbox, long uid, long modSeq) implements MailboxEvent {
    @Override
    public JsonObject toJson() {
      return base(this, "appended").put("uid", uid).put("modseq", modSeq);
    }
  }

  record FlagsChanged(String account, String mailbox, List<FlagUpdateResult.Change> changes)
      implements MailboxEvent {
    public FlagsChanged {
      changes = List.copyOf(changes);
    }

    @Override
    public JsonObject toJson() {
      JsonArray array = new JsonArray();
      for (FlagUpdateResult.Change change : changes) {
        array.add(new JsonObject().put("uid", change.uid()).put("modseq", change.modSeq())
            .put("flags", new JsonArray(new ArrayList<>(change.flags()))));
      }
      return base(this, "flags").put("changes", array);
    }
  }

  record Expunged(String account, String mailbox, List<Long> uids, long highestModSeq) implements MailboxEvent {
    public Expunged {
      uids = List.copyOf(uids);
    }

    @Override
    public JsonObject toJson() {
      return base(this, "expunged").put("uids", new JsonArray(new ArrayList<>(uids)))
          .put("highestmodseq", highestModSeq);
    }
  }

  private static JsonObject base(MailboxEvent event, String type) {
    return new JsonObject().put("type", type).put("account", event.account()).put("mailbox", event.mailbox());
  }

  static MailboxEvent fromJson(JsonObject json) {
    String account = json.getString("account");
    String mailbox = json.getString("mailbox");
    switch (json.getString("type", "")) {
      case "appended":
        return new Appended(account, mailbox, json.getLong("uid"), json.getLong("modseq"));
      case "flags": {
        List<FlagUpdateResult.Change> changes = new ArrayList<>();
        for (Object item : json.getJsonArray("changes")) {
          JsonObject change = (JsonObject) item;
          Set<String> flags = new LinkedHashSet<>();
          change.getJsonArray("flags").forEach(flag -> flags.add((String) flag));
          changes.add(new FlagUpdateResult.Change(change.getLong("uid"), flags, change.getLong("modseq")));
        }
        return new FlagsChanged(account, mailbox, changes);
      }
      case "expunged": {
        List<Long> uids = new ArrayList<>();
        json.getJsonArray("uids").forEach(uid -> uids.add(((Number) uid).longValue()));
        return new Expunged(account, mailbox, uids, json.getLong("highestmodseq"));
      }
      default:
        throw new IllegalArgumentException("not a mailbox event: " + json.getString("type"));
    }
  }
}
