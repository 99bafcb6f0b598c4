package org.lymphwatch.model;

import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses exactly as {@code OffsetDateTime.parse(text, ISO_OFFSET_DATE_TIME)} does, with a fast path
 * for the shape devices send ({@code 2026-03-01T08:15:00+01:00}, optionally with a fraction of a
 * second, or {@code Z}): the formatter was over a quarter of the validator's time. Any other text,
 * and any field out of its range, goes to the formatter, which keeps the last word on what is
 * accepted (lower-case letters, missing seconds, offsets with seconds, 24:00, leap seconds, ...).
 */
final class IsoOffsetDateTime {

    private static final int SHORTEST = "2026-03-01T08:15:00Z".length();
    private static final int LONGEST = "2026-03-01T08:15:00.123456789+01:00".length();
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private IsoOffsetDateTime() {}

    static OffsetDateTime parse(String text) throws DateTimeParseException {
        OffsetDateTime common = commonShape(text);
        return common != null
                ? common
                : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The time if {@code s} has the common shape with every field in range, else null. */
    private static OffsetDateTime commonShape(String s) {
        int n = s.length();
        if (n < SHORTEST
                || n > LONGEST
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0
                || month < 1
                || month > 12
                || day < 1
                || day > Month.of(month).length(Year.isLeap(year))
                || hour > 23
                || minute > 59
                || second > 59) {
            return null;
        }
        int i = 19;
        int nano = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nano = nano * 10 + (s.charAt(i++) - '0');
            }
            if (i == start) {
                return null;
            }
            for (int scale = i - start; scale < 9; scale++) {
                nano *= 10;
            }
        }
        ZoneOffset offset = offset(s, i);
        return offset == null
                ? null
                : OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
    }

    /** {@code Z} or {@code ±HH:MM} within ±18:00 ending the text at {@code i}, else null. */
    private static ZoneOffset offset(String s, int i) {
        int n = s.length();
        if (i == n - 1 && s.charAt(i) == 'Z') {
            return ZoneOffset.UTC;
        }
        if (i != n - 6 || s.charAt(i + 3) != ':') {
            return null;
        }
        char sign = s.charAt(i);
        int hours = digits(s, i + 1, 2);
        int minutes = digits(s, i + 4, 2);
        if ((sign != '+' && sign != '-') || (hours | minutes) < 0 || minutes > 59) {
            return null;
        }
        int seconds = hours * 3600 + minutes * 60;
        if (seconds > MAX_OFFSET_SECONDS) {
            return null;
        }
        return ZoneOffset.ofTotalSeconds(sign == '-' ? -seconds : seconds);
    }

    /** The value of {@code count} ASCII digits from {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
