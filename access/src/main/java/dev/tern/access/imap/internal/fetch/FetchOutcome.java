package dev.tern.access.imap.internal.fetch;

import java.util.List;

/**
 * What a finished FETCH did.
 *
 * @param messagesSent the FETCH responses written
 * @param vanishedUids messages skipped because their content is gone (another session expunged them); the
 *                     handler may answer NO, or OK and let the pending EXPUNGEs tell the client
 */
public record FetchOutcome(int messagesSent, List<Long> vanishedUids) {

  public FetchOutcome {
    vanishedUids = List.copyOf(vanishedUids);
  }
}
