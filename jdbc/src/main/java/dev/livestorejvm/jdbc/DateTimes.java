package dev.livestorejvm.jdbc;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;

/**
 * Dates and times as SQLite keeps them: text in the forms its date functions read
 * ({@code YYYY-MM-DD HH:MM:SS.SSS}, optional offset), epoch milliseconds (xerial's default for
 * {@code java.sql} types), or Julian day numbers. Text is written with a space between date and
 * time, and read with a space or a {@code T}.
 */
final class DateTimes {
    private DateTimes() {}

    /** Date, optional time (space or T), optional fraction (1-9 digits), optional offset or Z. */
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE)
        .optionalStart().appendLiteral(' ').optionalEnd()
        .optionalStart().appendLiteral('T').optionalEnd()
        .optionalStart()
        .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
        .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
        .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
        .optionalEnd()
        .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
        .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
        .toFormatter();

    private static final DateTimeFormatter READ_TIME = new DateTimeFormatterBuilder()
        .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
        .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
        .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
        .toFormatter();

    private static final DateTimeFormatter WRITE_TIME = new DateTimeFormatterBuilder()
        .appendPattern("HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).toFormatter();
    private static final DateTimeFormatter WRITE_DATE_TIME = new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(WRITE_TIME).toFormatter();
    private static final DateTimeFormatter WRITE_OFFSET = new DateTimeFormatterBuilder()
        .append(WRITE_DATE_TIME).appendOffset("+HH:MM", "Z").toFormatter();

    static final double JULIAN_EPOCH_DAY = 2440587.5;   // 1970-01-01T00:00Z as a Julian day

    static String text(LocalDate d) {
        return d.toString();
    }

    static String text(LocalTime t) {
        return WRITE_TIME.format(t);
    }

    static String text(LocalDateTime t) {
        return WRITE_DATE_TIME.format(t);
    }

    static String text(OffsetDateTime t) {
        return WRITE_OFFSET.format(t);
    }

    static String text(Instant t) {
        return WRITE_OFFSET.format(t.atOffset(ZoneOffset.UTC));
    }

    static double julianDay(long epochMillis) {
        return JULIAN_EPOCH_DAY + epochMillis / 86_400_000.0;
    }

    static long epochMillis(double julianDay) {
        return Math.round((julianDay - JULIAN_EPOCH_DAY) * 86_400_000.0);
    }

    static ZoneId zone(Calendar cal) {
        return cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId();
    }

    /** The instant a text value names: with its own offset if it has one, else in {@code zone}. */
    static Instant parseInstant(String s, ZoneId zone) throws SQLException {
        TemporalAccessor t = parse(s);
        LocalDate date = LocalDate.from(t);
        LocalTime time = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
        if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.of(date, time, ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS))).toInstant();
        }
        return date.atTime(time).atZone(zone).toInstant();
    }

    static LocalDateTime parseLocal(String s) throws SQLException {
        TemporalAccessor t = parse(s);
        LocalTime time = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
        return LocalDate.from(t).atTime(time);
    }

    static OffsetDateTime parseOffset(String s, ZoneId zone) throws SQLException {
        TemporalAccessor t = parse(s);
        LocalTime time = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
        LocalDateTime local = LocalDate.from(t).atTime(time);
        if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)));
        }
        return local.atZone(zone).toOffsetDateTime();
    }

    /** A time of day: "HH:MM[:SS[.f]]", or the time part of a full date-time. */
    static LocalTime parseTime(String s) throws SQLException {
        String v = s.trim();
        try {
            return LocalTime.from(READ_TIME.parse(v));
        } catch (DateTimeParseException e) {
            return parseLocal(v).toLocalTime();
        }
    }

    private static TemporalAccessor parse(String s) throws SQLException {
        try {
            return READ.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw Errors.badValue("'" + s + "' is not a date or time SQLite's functions read (YYYY-MM-DD[ HH:MM[:SS[.SSS]]][+HH:MM])");
        }
    }
}
