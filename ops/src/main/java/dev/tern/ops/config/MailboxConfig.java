package dev.tern.ops.config;

import java.util.OptionalLong;

/**
 * The mailbox store's part of the config.
 *
 * @param defaultQuota storage limit of every account that has none of its own ({@code tern user quota}); empty for
 *                     no limit
 * @param failOverQuota a delivery over quota fails (552 5.2.2, bounced) instead of waiting (452 4.2.2, retried
 *                     until the queue lifetime ends)
 */
public record MailboxConfig(OptionalLong defaultQuota, boolean failOverQuota) {}
