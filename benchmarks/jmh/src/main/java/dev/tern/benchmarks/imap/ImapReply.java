package dev.tern.benchmarks.imap;

import java.util.List;

/**
 * What a server answered to one command, in the shape a benchmark checks cheaply.
 *
 * @param status         the tagged response's status: OK, NO or BAD
 * @param taggedLine     the tagged response line without the tag
 * @param fetchResponses how many {@code * n FETCH} responses came before it
 * @param literalOctets  octets of all literals in the responses (read and dropped)
 * @param kept           the other untagged lines (and the FETCH lines when asked for), literals shown as
 *                       {@code {n}} and their octets left out
 */
public record ImapReply(String status, String taggedLine, int fetchResponses, long literalOctets, List<String> kept) {

  public ImapReply {
    kept = List.copyOf(kept);
  }

  public boolean ok() {
    return status.equals("OK");
  }
}
