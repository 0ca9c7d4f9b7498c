package dev.tern.delivery.route.smtp.internal;

/**
 * No usable session could be set up with one address (refused, greeting not 2xx, EHLO and HELO refused, TLS
 * required but unavailable, authentication refused). {@link #permanent()} only for a 5xx from the server at
 * greeting/HELO time; {@link #retryWithoutTls()} when an opportunistic TLS handshake broke the connection.
 */
public final class SetupFailure extends Exception {

  private final Reply reply;
  private final boolean permanent;
  private final boolean retryWithoutTls;

  public SetupFailure(Reply reply, boolean permanent, boolean retryWithoutTls) {
    super(reply.oneLine(), null, false, false);
    this.reply = reply;
    this.permanent = permanent;
    this.retryWithoutTls = retryWithoutTls;
  }

  public static SetupFailure temporary(String enhancedCode, String text) {
    return new SetupFailure(Reply.local(451, enhancedCode + " " + text), false, false);
  }

  public static SetupFailure of(Throwable cause) {
    if (cause instanceof SetupFailure failure) {
      return failure;
    }
    if (cause instanceof SmtpIoException io) {
      return new SetupFailure(io.reply(), false, false);
    }
    return temporary("4.3.0", "local error: " + cause);
  }

  public Reply reply() {
    return reply;
  }

  public boolean permanent() {
    return permanent;
  }

  public boolean retryWithoutTls() {
    return retryWithoutTls;
  }
}
