package dev.tern.delivery.fs;

import java.nio.file.Path;

/**
 * Settings of the embedded file-system spool.
 *
 * @param directory        where segments and the journal live (created if missing)
 * @param segmentBytes     a segment is closed and a new one started past this size
 * @param minFreeDiskBytes below this much free space the spool refuses new mail (452)
 */
public record FsSpoolOptions(Path directory, long segmentBytes, long minFreeDiskBytes) {

  public static FsSpoolOptions defaults(Path directory) {
    return new FsSpoolOptions(directory, 64L * 1024 * 1024, 256L * 1024 * 1024);
  }
}
