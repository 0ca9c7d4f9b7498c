package dev.tern.access.imap.internal.fetch;

import dev.tern.access.imap.internal.codec.FetchItem;
import dev.tern.access.imap.internal.codec.SectionSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of one FETCH in response order (UID first for UID FETCH, as Dovecot does, then as requested; an item
 * asked for twice is answered once) and what answering them takes: the summary alone, the MIME structure, the
 * message's bytes.
 */
record FetchPlan(List<FetchItem> items, boolean needsStructure, boolean needsContent, boolean hasFlags) {

  static FetchPlan of(List<FetchItem> requested, boolean includeUid) {
    Map<String, FetchItem> byResponseName = new LinkedHashMap<>();
    if (includeUid) {
      byResponseName.put(FetchItem.Attribute.UID.wire(), FetchItem.Attribute.UID);
    }
    for (FetchItem item : requested) {
      byResponseName.putIfAbsent(responseName(item), item);
    }
    List<FetchItem> items = new ArrayList<>(byResponseName.values());
    boolean structure = items.stream().anyMatch(FetchPlan::needsStructure);
    boolean content = items.stream().anyMatch(FetchPlan::needsContent);
    return new FetchPlan(List.copyOf(items), structure, content, items.contains(FetchItem.Attribute.FLAGS));
  }

  static String responseName(FetchItem item) {
    return item instanceof FetchItem.BodySection section ? section.responseName()
        : ((FetchItem.Attribute) item).wire();
  }

  /** Whether the summary (flags, size, dates, UID, MODSEQ) answers every item: the store is not touched. */
  boolean summaryOnly() {
    return !needsStructure && !needsContent;
  }

  /**
   * Whether a message of this kind needs its structure: a message too big for memory needs it for the size
   * of BODY[] as well, since its bytes are streamed after the literal's length is announced.
   */
  boolean needsStructure(boolean streamed) {
    return needsStructure || (streamed && needsContent);
  }

  private static boolean needsStructure(FetchItem item) {
    if (item instanceof FetchItem.BodySection section) {
      return !section.section().equals(SectionSpec.whole());
    }
    return switch ((FetchItem.Attribute) item) {
      case ENVELOPE, BODY, BODYSTRUCTURE, RFC822_HEADER, RFC822_TEXT -> true;
      default -> false;
    };
  }

  private static boolean needsContent(FetchItem item) {
    if (item instanceof FetchItem.BodySection) {
      return true;
    }
    return switch ((FetchItem.Attribute) item) {
      case RFC822, RFC822_HEADER, RFC822_TEXT -> true;
      default -> false;
    };
  }
}
