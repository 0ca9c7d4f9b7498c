package dev.tern.access.mailbox;

import java.util.Optional;

/**
 * One existing mailbox of an account. {@code name} uses {@link MailboxNames#DELIMITER} as hierarchy
 * delimiter; {@code hasChildren} is true when some other mailbox lies below it.
 */
public record MailboxInfo(String name, Optional<SpecialUse> specialUse, boolean subscribed, boolean hasChildren) {
}
