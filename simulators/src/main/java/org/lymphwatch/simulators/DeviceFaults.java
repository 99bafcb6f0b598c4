package org.lymphwatch.simulators;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingJson;
import org.lymphwatch.model.ReadingKind;
import org.lymphwatch.model.ReadingLimits;
import org.lymphwatch.model.RejectReason;

/**
 * Turns what a patient's devices measured into what arrives: each message a few seconds after
 * measuring, unless the devices were offline (then days late, in one batch), with the faults of
 * {@link FaultRates} injected. At most one clock fault and no malformation on top of it per
 * message, so the expected reject reason is unambiguous.
 */
final class DeviceFaults {

    private static final Duration MAX_CLOCK_AHEAD = ReadingLimits.DEFAULT.maxClockAhead();
    private static final Duration BATCH_SPACING = Duration.ofMillis(200);
    private static final Pattern VOLUME = Pattern.compile("\"volumeMl\":[^,}]+");
    private static final Pattern FIRST_CIRCUMFERENCE =
            Pattern.compile("\"circumferencesCm\":\\[[^,\\]]+");
    private static final Pattern LDEX = Pattern.compile("\"lDex\":[^,}]+");
    private static final List<Fault> MEASUREMENT_MALFORMATIONS =
            List.of(Fault.TRUNCATED, Fault.NOT_A_NUMBER, Fault.NEGATIVE, Fault.UNKNOWN_KIND);
    private static final List<Fault> CONTEXT_MALFORMATIONS =
            List.of(Fault.TRUNCATED, Fault.UNKNOWN_KIND);

    /** Readings measured from {@code from} until the devices reconnect arrive on reconnecting. */
    private static final class Spell {
        final Instant from;
        final Instant reconnect;
        int queued;

        Spell(Instant from, Instant reconnect) {
            this.from = from;
            this.reconnect = reconnect;
        }
    }

    private final FaultRates rates;
    private final VirtualPatient patient;
    private final Dice dice;
    private final List<Episode> offline = new ArrayList<>();
    private final List<Spell> spells;

    DeviceFaults(FaultRates rates, VirtualPatient patient, Dice dice) {
        this.rates = rates;
        this.patient = patient;
        this.dice = dice;
        this.spells = offlineSpells(offline);
    }

    /** When the devices were offline during follow-up. */
    List<Episode> offline() {
        return offline;
    }

    /** The messages of these sessions, in the order they were sent (not yet of arrival). */
    List<Delivery> deliver(List<Session> sessions) {
        List<Delivery> deliveries = new ArrayList<>();
        for (Session session : sessions) {
            Set<Fault> sessionFaults = EnumSet.noneOf(Fault.class);
            List<Reading> sent = sessionFaults(session, sessionFaults);
            for (int i = 0; i < sent.size(); i++) {
                Instant measured = session.readings().get(i).instant();
                deliver(session.device(), measured, sent.get(i), sessionFaults, deliveries);
            }
        }
        return deliveries;
    }

    /**
     * On a patient-day with probability {@code offline} (about twice a year at the default) the
     * devices lose their connection for 2 to 14 days.
     */
    private List<Spell> offlineSpells(List<Episode> episodes) {
        List<Spell> spells = new ArrayList<>();
        for (int d = patient.habits().firstDay(); d < patient.days(); d++) {
            if (!dice.chance(rates.offline())) {
                continue;
            }
            int days = dice.between(2, 14);
            Instant reconnect =
                    patient.startOfDay(d + days)
                            .plusSeconds(dice.between(6 * 3600, 22 * 3600))
                            .toInstant();
            spells.add(new Spell(patient.startOfDay(d).toInstant(), reconnect));
            episodes.add(new Episode(EpisodeType.DEVICE_OFFLINE, d, d + days + 1));
            d += days;
        }
        return spells;
    }

    private List<Reading> sessionFaults(Session session, Set<Fault> faults) {
        List<Reading> readings = new ArrayList<>(session.readings());
        if (dice.chance(rates.clockSkew())) {
            long seconds = dice.between(20 * 60, 6 * 3600) * (dice.chance(0.5) ? 1L : -1L);
            readings.replaceAll(
                    r -> Readings.withMeasuredAt(r, r.measuredAt().plusSeconds(seconds)));
            faults.add(Fault.CLOCK_SKEW);
        } else if (dice.chance(rates.timeZone())) {
            readings.replaceAll(r -> Readings.withMeasuredAt(r, wrongOffset(r.measuredAt())));
            faults.add(Fault.TIME_ZONE);
        }
        if (readings.size() == 2 && readings.get(0).side() != null) {
            if (dice.chance(rates.wrongSide())) {
                Reading first = readings.get(0);
                Reading second = readings.get(1);
                readings.set(0, Readings.withSide(first, second.side()));
                readings.set(1, Readings.withSide(second, first.side()));
                faults.add(Fault.WRONG_SIDE);
            }
        } else if (readings.get(0).kind() == ReadingKind.BIOIMPEDANCE
                && dice.chance(rates.leadError())) {
            readings.set(0, leadError(readings.get(0)));
            faults.add(Fault.LEAD_ERROR);
        }
        return readings;
    }

    /**
     * The device keeps local wall-clock time right but labels it with the standard offset during
     * daylight saving time (it missed the change), or with the summer offset outside it: an hour
     * late, or an hour early.
     */
    private OffsetDateTime wrongOffset(OffsetDateTime measuredAt) {
        ZoneRules rules = patient.zone().getRules();
        Instant instant = measuredAt.toInstant();
        ZoneOffset standard = rules.getStandardOffset(instant);
        ZoneOffset wrong =
                rules.isDaylightSavings(instant)
                        ? standard
                        : ZoneOffset.ofTotalSeconds(standard.getTotalSeconds() + 3600);
        return OffsetDateTime.of(measuredAt.toLocalDateTime(), wrong);
    }

    /** A lead on the at-risk arm makes poor contact: its R0 reads high, L-Dex −11 to −40. */
    private Reading leadError(Reading r) {
        double lDex = Readings.tenths(dice.uniform(-40, -11));
        double r0AtRisk =
                Readings.tenths(
                        LDex.r0AtRiskOhm(lDex, r.r0UnaffectedOhm(), patient.dominantSideAtRisk()));
        return Readings.bioimpedance(
                r.readingId(),
                r.patientId(),
                r.deviceId(),
                r.measuredAt(),
                r.limb(),
                lDex,
                r0AtRisk,
                r.r0UnaffectedOhm());
    }

    private void deliver(
            Device device,
            Instant measured,
            Reading sent,
            Set<Fault> sessionFaults,
            List<Delivery> out) {
        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        faults.addAll(sessionFaults);
        Instant arrival;
        Spell spell = spellCovering(measured);
        if (spell != null) {
            arrival = spell.reconnect.plus(BATCH_SPACING.multipliedBy(spell.queued++));
            faults.add(Fault.LATE_BACKFILL);
        } else {
            arrival =
                    measured.plusMillis(
                            Math.round(
                                    1000
                                            * dice.uniform(
                                                    device.minUploadSeconds,
                                                    device.maxUploadSeconds)));
        }
        String message = ReadingJson.write(sent);
        boolean clockFault =
                sessionFaults.contains(Fault.CLOCK_SKEW) || sessionFaults.contains(Fault.TIME_ZONE);
        if (!clockFault && dice.chance(rates.malformed())) {
            List<Fault> variants =
                    sent.kind() == ReadingKind.CONTEXT
                            ? CONTEXT_MALFORMATIONS
                            : MEASUREMENT_MALFORMATIONS;
            Fault malformation = variants.get(dice.between(0, variants.size() - 1));
            message = malform(malformation, message, sent.kind());
            faults.add(malformation);
        }
        out.add(delivery(arrival, message, sent, faults));
        if (dice.chance(rates.duplicate())) {
            Instant again = arrival.plusMillis(dice.between(1_000, 120_000));
            Set<Fault> duplicate = EnumSet.of(Fault.DUPLICATE);
            duplicate.addAll(faults);
            out.add(delivery(again, message, sent, duplicate));
        }
    }

    private Delivery delivery(Instant arrival, String message, Reading sent, Set<Fault> faults) {
        RejectReason expected = null;
        for (Fault f : faults) {
            if (f.malformed()) {
                expected = f.rejectedAs();
            }
        }
        if (expected == null && sent.instant().isAfter(arrival.plus(MAX_CLOCK_AHEAD))) {
            expected = RejectReason.FUTURE_TIME;
        }
        return new Delivery(
                patient.index(),
                arrival,
                message,
                sent,
                faults.isEmpty() ? Set.of() : Collections.unmodifiableSet(faults),
                expected);
    }

    private Spell spellCovering(Instant measured) {
        for (Spell s : spells) {
            if (!measured.isBefore(s.from) && measured.isBefore(s.reconnect)) {
                return s;
            }
        }
        return null;
    }

    private String malform(Fault malformation, String message, ReadingKind kind) {
        return switch (malformation) {
            case TRUNCATED ->
                    message.substring(0, dice.between(message.length() / 3, message.length() - 1));
            case NOT_A_NUMBER ->
                    switch (kind) {
                        case LIMB_VOLUME ->
                                VOLUME.matcher(message).replaceFirst("\"volumeMl\":NaN");
                        case CIRCUMFERENCES ->
                                FIRST_CIRCUMFERENCE
                                        .matcher(message)
                                        .replaceFirst("\"circumferencesCm\":[NaN");
                        default -> LDEX.matcher(message).replaceFirst("\"lDex\":NaN");
                    };
            case NEGATIVE ->
                    switch (kind) {
                        case LIMB_VOLUME -> message.replace("\"volumeMl\":", "\"volumeMl\":-");
                        case CIRCUMFERENCES ->
                                message.replace(
                                        "\"circumferencesCm\":[", "\"circumferencesCm\":[-");
                        default -> message.replace("\"r0AtRiskOhm\":", "\"r0AtRiskOhm\":-");
                    };
            case UNKNOWN_KIND ->
                    message.replace("\"kind\":\"" + kind.name() + "\"", "\"kind\":\"BODY_WEIGHT\"");
            default -> throw new IllegalArgumentException(malformation + " is not a malformation");
        };
    }
}
