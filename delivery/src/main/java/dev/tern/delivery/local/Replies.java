package dev.tern.delivery.local;

import dev.tern.access.mailbox.QuotaExceededException;
import dev.tern.delivery.QueueEntry.Status;
import dev.tern.delivery.QueueId;

/**
 * The replies local delivery records. They go into the journal, the log and DSNs, so they name addresses and never
 * internals (exception texts, paths).
 */
final class Replies {

  private Replies() {}

  /** An address that can go into a header line as it is (no line breaks or other control characters). */
  static boolean headerSafe(String address) {
    return address != null && address.chars().noneMatch(c -> c < ' ' || c == 127);
  }

  static String noSuchUser(String address) {
    return "550 5.1.1 <" + address + ">: no such user here";
  }

  static String noLongerLocal(String address) {
    return "451 4.3.0 <" + address + ">: domain is no longer local, will route again";
  }

  static String lookupFailed(String address) {
    return "451 4.3.0 <" + address + ">: recipient lookup failed, will retry";
  }

  static String localError(String address) {
    return "451 4.3.0 <" + address + ">: local delivery error, will retry";
  }

  static String loop(String address) {
    return "554 5.4.6 mail forwarding loop for <" + address + ">";
  }

  static String tooManyHops(String address, int lines) {
    return "554 5.4.6 mail forwarding loop for <" + address + ">: " + lines + " Delivered-To lines (limit "
        + DeliveredTo.MAX_LINES + ")";
  }

  static String unusableAddress(String address) {
    return "553 5.1.3 address unusable in a header line: " + address.replaceAll("\\p{Cntrl}", "?");
  }

  static String unusableSender() {
    return "553 5.1.7 sender address unusable in a header line";
  }

  static String unreadable() {
    return "451 4.3.0 message unreadable from the queue, will retry";
  }

  static String delivered(String mailbox, long uid) {
    return "250 2.0.0 delivered to <" + mailbox + "> uid " + uid;
  }

  static String duplicate(String first, String mailbox, long uid) {
    return "250 2.0.0 duplicate of <" + first + ">: delivered once to <" + mailbox + "> uid " + uid;
  }

  static String expanded(int recipients, QueueId id) {
    return "250 2.1.5 expanded to " + recipients + (recipients == 1 ? " recipient" : " recipients")
        + ", queued as " + id;
  }

  static String requeueFailed(String address) {
    return "451 4.3.0 <" + address + ">: could not queue the expanded message, will retry";
  }

  /** The status of a failed append: quota by policy, anything else temporary. */
  static Status appendStatus(Throwable failure, LocalDeliveryOptions.OverQuota overQuota) {
    if (failure instanceof QuotaExceededException && overQuota == LocalDeliveryOptions.OverQuota.FAIL) {
      return Status.FAILED;
    }
    return Status.DEFERRED;
  }

  static String appendFailed(Throwable failure, String mailbox, LocalDeliveryOptions.OverQuota overQuota) {
    if (failure instanceof QuotaExceededException) {
      return (overQuota == LocalDeliveryOptions.OverQuota.FAIL ? "552 5.2.2 <" : "452 4.2.2 <") + mailbox
          + ">: mailbox full";
    }
    return "451 4.3.0 <" + mailbox + ">: mailbox unavailable, will retry";
  }
}
