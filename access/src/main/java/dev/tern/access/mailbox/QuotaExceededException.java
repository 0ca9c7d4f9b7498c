package dev.tern.access.mailbox;

/**
 * An append that would take the account over its storage limit. The caller decides whether that is
 * temporary (SMTP 452 4.2.2) or permanent (552 5.2.2).
 */
public final class QuotaExceededException extends MailboxException {

  private final long usedBytes;
  private final long limitBytes;
  private final long messageBytes;

  public QuotaExceededException(String account, long usedBytes, long limitBytes, long messageBytes) {
    super(Reason.OVER_QUOTA, "mailbox of " + account + " is full: " + usedBytes + " of " + limitBytes
        + " bytes used, message has " + messageBytes);
    this.usedBytes = usedBytes;
    this.limitBytes = limitBytes;
    this.messageBytes = messageBytes;
  }

  public long usedBytes() {
    return usedBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }

  public long messageBytes() {
    return messageBytes;
  }
}
