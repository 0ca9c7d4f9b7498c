package dev.tern.delivery;

/**
 * Whether the spool can take new mail now. The relay answers 452 4.3.1 at MAIL while it cannot, rather
 * than accepting mail it may then lose.
 *
 * @param accepting false when the disk is nearly full or recent writes failed
 * @param reason    a short text for logs and the 452 reply, empty when accepting
 */
public record SpoolHealth(boolean accepting, String reason) {

  public static final SpoolHealth OK = new SpoolHealth(true, "");

  public static SpoolHealth refusing(String reason) {
    return new SpoolHealth(false, reason);
  }
}
