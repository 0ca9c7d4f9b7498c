/**
 * Local delivery for the scheduler: the recipients of this server's domains. Each is resolved through the
 * {@link dev.tern.access.AccountStore}; one that resolves to a single mailbox is appended to that account's INBOX
 * with {@code Return-Path:} and {@code Delivered-To:} prepended; one that expands to several mailboxes or to any
 * forward is queued again as a new message (Postfix style), so every expanded recipient keeps its own retry state.
 * {@code Delivered-To:} lines already in the message stop forwarding loops. Entry points: {@link
 * dev.tern.delivery.local.LocalDelivery} (one per scheduler) and {@link dev.tern.delivery.local.LocalPass} (one per
 * message pass).
 */
package dev.tern.delivery.local;
