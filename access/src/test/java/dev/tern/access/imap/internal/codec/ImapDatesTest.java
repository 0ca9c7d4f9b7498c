package dev.tern.access.imap.internal.codec;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImapDatesTest {

  @Test
  void parsesDateTimeWithZone() {
    assertEquals(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7)),
        ImapDates.parseDateTime("17-Jul-1996 02:44:25 -0700"));
    assertEquals(OffsetDateTime.of(2024, 2, 1, 23, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
        ImapDates.parseDateTime(" 1-feb-2024 23:00:00 +0530"));
  }

  @Test
  void formatsDateTimeSpacePadded() {
    assertEquals("\" 1-Feb-1994 21:52:25 -0800\"",
        ImapDates.formatDateTime(OffsetDateTime.of(1994, 2, 1, 21, 52, 25, 0, ZoneOffset.ofHours(-8))));
    OffsetDateTime time = OffsetDateTime.of(2023, 12, 31, 0, 0, 9, 0, ZoneOffset.ofHoursMinutes(-3, -30));
    String wire = ImapDates.formatDateTime(time);
    assertEquals(time, ImapDates.parseDateTime(wire.substring(1, wire.length() - 1)));
  }

  @Test
  void parsesDates() {
    assertEquals(LocalDate.of(1994, 2, 1), ImapDates.parseDate("1-Feb-1994"));
    assertEquals(LocalDate.of(2000, 12, 31), ImapDates.parseDate("31-DEC-2000"));
  }

  @Test
  void rejectsBadDates() {
    for (String bad : new String[] {"", "1-Foo-1994", "32-Jan-1994", "30-Feb-2001", "1-Feb-94", "01-Feb-19944",
        "1 Feb 1994", "x1-Feb-1994", "123-Feb-1994"}) {
      assertThrows(IllegalArgumentException.class, () -> ImapDates.parseDate(bad), bad);
    }
    for (String bad : new String[] {"17-Jul-1996 02:44:25", "17-Jul-1996 25:44:25 -0700",
        "17-Jul-1996 02:44:25 -0760", "17-Jul-1996 02:44:25 0700", "17-Jul-1996T02:44:25 -0700",
        "17-Jul-1996 02:60:25 -0700"}) {
      assertThrows(IllegalArgumentException.class, () -> ImapDates.parseDateTime(bad), bad);
    }
  }
}
