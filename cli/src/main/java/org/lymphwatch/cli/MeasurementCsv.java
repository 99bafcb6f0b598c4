package org.lymphwatch.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lymphwatch.model.Baseline;
import org.lymphwatch.model.InvalidMessage;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.PatientJson;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingJson;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.Validation;
import org.lymphwatch.model.VolumeMethod;

/**
 * Rows of real measurements in CSV (docs/import-csv.md) turned into contract readings and patients.
 * A row is checked by the same {@link ReadingValidator} the pipeline uses, so what imports is what
 * the analyzer accepts; a bad row is a {@link BadRow} naming the problem, never an exception.
 */
final class MeasurementCsv {

    /** A date without a time is taken as this local time. */
    static final LocalTime DATE_ONLY_TIME = LocalTime.of(8, 0);

    static final String DEFAULT_DEVICE = "csv-import";

    /** One row's problem. */
    static final class BadRow extends RuntimeException {
        BadRow(String message) {
            super(message);
        }
    }

    private final ZoneId zone;
    private final ReadingValidator validator = new ReadingValidator();
    private final Instant receivedAt = Instant.now();
    private Map<String, Integer> columns;

    /**
     * @param zone the time zone of dates given without a time or offset
     */
    MeasurementCsv(ZoneId zone) {
        this.zone = zone;
    }

    /** The header row: names the columns (any order, case-insensitive). */
    void header(String line, String... required) {
        columns = new HashMap<>();
        List<String> names = fields(line);
        for (int i = 0; i < names.size(); i++) {
            columns.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        for (String r : required) {
            if (!columns.containsKey(r)) {
                throw new BadRow("the header has no column " + r);
            }
        }
    }

    /**
     * The readings of one measurement row: a limb volume or tape circumferences of one side, an
     * L-Dex, or both.
     *
     * <p>Columns: patient, measured_at (YYYY-MM-DD or ISO-8601 with offset), limb (ARM, LEG), side
     * (LEFT, RIGHT), volume_ml, circumferences_cm (distal to proximal, separated by spaces or
     * semicolons), interval_cm, ldex, device (optional).
     */
    List<Reading> readings(String line) {
        List<String> f = fields(line);
        String patient = required(f, "patient");
        OffsetDateTime at = time(required(f, "measured_at"));
        Limb limb = enumValue(Limb.class, required(f, "limb"), "limb");
        String device = optional(f, "device");
        device = device == null ? DEFAULT_DEVICE : device;
        String volume = optional(f, "volume_ml");
        String circumferences = optional(f, "circumferences_cm");
        String lDex = optional(f, "ldex");
        if (volume != null && circumferences != null) {
            throw new BadRow("give volume_ml or circumferences_cm, not both");
        }
        if (volume == null && circumferences == null && lDex == null) {
            throw new BadRow("no measurement: volume_ml, circumferences_cm or ldex");
        }
        List<Reading> readings = new ArrayList<>();
        if (volume != null || circumferences != null) {
            Side side = enumValue(Side.class, required(f, "side"), "side");
            if (volume != null) {
                readings.add(
                        Reading.limbVolume(
                                id(line, "V"),
                                patient,
                                device,
                                at,
                                limb,
                                side,
                                number(volume, "volume_ml"),
                                VolumeMethod.PEROMETER));
            } else {
                readings.add(
                        Reading.circumferences(
                                id(line, "C"),
                                patient,
                                device,
                                at,
                                limb,
                                side,
                                number(required(f, "interval_cm"), "interval_cm"),
                                numbers(circumferences)));
            }
        }
        if (lDex != null) {
            readings.add(
                    Reading.bioimpedance(
                            id(line, "B"),
                            patient,
                            device,
                            at,
                            limb,
                            number(lDex, "ldex"),
                            null,
                            null));
        }
        List<Reading> checked = new ArrayList<>();
        for (Reading r : readings) {
            Validation v = validator.validate(ReadingJson.write(r), receivedAt);
            if (v instanceof Validation.Rejected rej) {
                throw new BadRow(rej.rejection().reason() + ": " + rej.rejection().detail());
            }
            checked.add(((Validation.Accepted) v).reading());
        }
        return checked;
    }

    /**
     * One patient row. Columns: patient, limb, at_risk_side, surgery_date (YYYY-MM-DD), and
     * optionally dominant_side, cadence_days (default 7), baseline_at_risk_ml,
     * baseline_unaffected_ml, baseline_ldex.
     */
    Patient patient(String line) {
        List<String> f = fields(line);
        String id = required(f, "patient");
        String dominant = optional(f, "dominant_side");
        String cadence = optional(f, "cadence_days");
        Double atRisk = optionalNumber(f, "baseline_at_risk_ml");
        Double unaffected = optionalNumber(f, "baseline_unaffected_ml");
        Double lDex = optionalNumber(f, "baseline_ldex");
        LocalDate surgery;
        try {
            surgery = LocalDate.parse(required(f, "surgery_date"));
        } catch (DateTimeParseException e) {
            throw new BadRow("surgery_date must be YYYY-MM-DD");
        }
        int cadenceDays = cadence == null ? 7 : (int) number(cadence, "cadence_days");
        if (cadenceDays < 1) {
            throw new BadRow("cadence_days must be at least 1");
        }
        Patient p =
                new Patient(
                        Reading.SCHEMA,
                        id,
                        enumValue(Limb.class, required(f, "limb"), "limb"),
                        enumValue(Side.class, required(f, "at_risk_side"), "at_risk_side"),
                        dominant == null ? null : enumValue(Side.class, dominant, "dominant_side"),
                        surgery,
                        cadenceDays,
                        atRisk == null && unaffected == null && lDex == null
                                ? null
                                : new Baseline(atRisk, unaffected, lDex));
        // Read back through the contract's checks (pseudonymous id, ranges), as the job would.
        try {
            return PatientJson.read(PatientJson.write(p));
        } catch (InvalidMessage e) {
            throw new BadRow(e.reason() + ": " + e.detail());
        }
    }

    private OffsetDateTime time(String s) {
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atTime(DATE_ONLY_TIME).atZone(zone).toOffsetDateTime();
            }
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw new BadRow(
                    "measured_at must be YYYY-MM-DD or an ISO-8601 time with offset,"
                            + " e.g. 2026-03-01T08:15:00+01:00");
        }
    }

    /** Same row, same id: importing a file twice gives duplicates the pipeline counts once. */
    private static String id(String line, String kind) {
        try {
            byte[] h =
                    MessageDigest.getInstance("SHA-256")
                            .digest((kind + line).getBytes(StandardCharsets.UTF_8));
            return "csv-" + HexFormat.of().formatHex(h, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String optional(List<String> f, String column) {
        Integer i = columns.get(column);
        if (i == null || i >= f.size()) {
            return null;
        }
        String v = f.get(i).trim();
        return v.isEmpty() ? null : v;
    }

    private String required(List<String> f, String column) {
        String v = optional(f, column);
        if (v == null) {
            throw new BadRow(column + " is missing");
        }
        return v;
    }

    private Double optionalNumber(List<String> f, String column) {
        String v = optional(f, column);
        return v == null ? null : number(v, column);
    }

    private static double number(String s, String column) {
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRow(column + " must be a number");
    }

    private static double[] numbers(String s) {
        String[] parts = s.trim().split("[\\s;]+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = number(parts[i], "circumferences_cm");
        }
        return v;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String s, String column) {
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                names.append(names.length() == 0 ? "" : " or ").append(c.name());
            }
            throw new BadRow(column + " must be " + names);
        }
    }

    /**
     * Splits one CSV line: commas separate fields; a field in double quotes may hold commas, and ""
     * inside it is a quote.
     */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new BadRow("a quoted field is not closed");
        }
        out.add(cur.toString());
        return out;
    }
}
