package dev.tern.delivery.route.smtp.internal;

import dev.tern.delivery.route.DeliveryReport.RecipientResult;

import java.util.List;

/**
 * The recipients' results of one mail transaction, and whether the connection may carry another message.
 *
 * @param results        one per recipient, in message order
 * @param reusable       the connection is healthy
 * @param needsReset     the transaction stopped half-way, so RSET must precede the next MAIL
 */
public record TransactionResult(List<RecipientResult> results, boolean reusable, boolean needsReset) {

  public TransactionResult {
    results = List.copyOf(results);
  }
}
