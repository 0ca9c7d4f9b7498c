package dev.tern.ops.config;

/**
 * The embedded spool's settings.
 *
 * @param segmentBytes     a log segment is closed past this size
 * @param minFreeDiskBytes below this much free disk the spool refuses new mail
 */
public record SpoolConfig(long segmentBytes, long minFreeDiskBytes) {}
