package dev.tern.load.sink;

/** BDAT's argument (RFC 3030): the chunk size in octets, then LAST for the final chunk. */
record ChunkArgument(long octets, boolean last) {

  /** The parsed argument, or null when it is not "size" or "size LAST". */
  static ChunkArgument parse(String argument) {
    if (argument == null) {
      return null;
    }
    String[] words = argument.split(" +");
    if (words.length > 2 || !MailParameters.isNumber(words[0])) {
      return null;
    }
    boolean last = words.length == 2;
    if (last && !words[1].equalsIgnoreCase("LAST")) {
      return null;
    }
    return new ChunkArgument(Long.parseLong(words[0]), last);
  }
}
