package dev.tern.load.mailbox;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli: a count of messages, or "all" (as {@link #ALL}). */
public final class CountOrAllConverter implements ITypeConverter<Long> {

  public static final long ALL = -1;

  @Override
  public Long convert(String value) {
    if (value.equalsIgnoreCase("all")) {
      return ALL;
    }
    try {
      long count = Long.parseLong(value);
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new TypeConversionException("'" + value + "' is neither a count of messages nor 'all'");
  }

  /** How a count shows in a summary. */
  public static String describe(long count) {
    return count == ALL ? "all" : String.valueOf(count);
  }
}
