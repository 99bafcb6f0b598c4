package org.lymphwatch.research;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Patient;

/**
 * Scores one run's alerts against the cohort's ground truth: per type sensitivity within the
 * horizon, false alarms, PPV and detection delays ({@link Target} says what each type is for); the
 * inbox burden and flapping; LYMPHEDEMA detection by subgroup; transient swelling. Alerts of
 * patients without ground truth are left out.
 *
 * @param horizon a case counts as detected only when found no later than this after its reference
 *     time (for LYMPHEDEMA, the day the true RVC reached 10 %)
 * @param flapWindow an opening within this of the same slot's last resolution is a flap
 */
public record Scoring(Duration horizon, Duration flapWindow) {

    public static final Duration DEFAULT_HORIZON = Duration.ofDays(90);
    public static final Duration DEFAULT_FLAP_WINDOW = Duration.ofDays(30);

    private static final double DAYS_PER_WEEK = 7;

    public RunScore score(String label, String configuration, Cohort cohort, List<Alert> alerts) {
        List<AlertCourse> courses =
                AlertCourse.of(
                        alerts.stream()
                                .filter(a -> cohort.truths().containsKey(a.patientId()))
                                .toList());
        Map<String, List<AlertCourse>> byPatient = new HashMap<>();
        courses.forEach(
                c -> byPatient.computeIfAbsent(c.patientId(), k -> new ArrayList<>()).add(c));
        double patientYears = cohort.patientYears();

        Map<AlertType, TypeScore> types = new EnumMap<>(AlertType.class);
        Map<AlertType, Burden> burden = new EnumMap<>(AlertType.class);
        List<CaseOutcome> lymphedemaCases = List.of();
        for (AlertType type : AlertType.values()) {
            List<AlertCourse> ofType = courses.stream().filter(c -> c.type() == type).toList();
            List<CaseOutcome> cases = new ArrayList<>();
            types.put(type, typeScore(type, cohort, byPatient, ofType, patientYears, cases));
            burden.put(type, burden(ofType, patientYears));
            if (type == AlertType.LYMPHEDEMA) {
                lymphedemaCases = List.copyOf(cases);
            }
        }
        return new RunScore(
                label,
                configuration,
                cohort.truths().size(),
                patientYears,
                types,
                burden,
                subgroups(cohort, lymphedemaCases),
                transients(cohort, byPatient),
                lymphedemaCases);
    }

    private TypeScore typeScore(
            AlertType type,
            Cohort cohort,
            Map<String, List<AlertCourse>> byPatient,
            List<AlertCourse> ofType,
            double patientYears,
            List<CaseOutcome> outcomes) {
        boolean scored = true;
        int trueAlarms = 0;
        for (Truth t : cohort.scored()) {
            Patient p = cohort.patients().get(t.patientId());
            if (p == null) {
                continue;
            }
            Optional<List<Target>> targets = Target.of(type, t, p);
            if (targets.isEmpty()) {
                scored = false;
                break;
            }
            List<AlertCourse> mine =
                    byPatient.getOrDefault(t.patientId(), List.of()).stream()
                            .filter(c -> c.type() == type)
                            .toList();
            for (AlertCourse c : mine) {
                if (targets.get().stream().anyMatch(g -> c.overlaps(g.from(), g.until()))) {
                    trueAlarms++;
                }
            }
            for (Target g : targets.get()) {
                if (g.counted()) {
                    outcomes.add(new CaseOutcome(g, delay(g, mine)));
                }
            }
        }
        int alarms = ofType.size();
        if (!scored) {
            return new TypeScore(false, 0, 0, alarms, 0, 0, Double.NaN, new Delays(List.of()));
        }
        List<Double> delays =
                outcomes.stream()
                        .filter(CaseOutcome::detected)
                        .map(CaseOutcome::delayDays)
                        .toList();
        int falseAlarms = alarms - trueAlarms;
        return new TypeScore(
                true,
                outcomes.size(),
                delays.size(),
                alarms,
                trueAlarms,
                falseAlarms,
                patientYears == 0 ? Double.NaN : falseAlarms / patientYears,
                new Delays(delays));
    }

    /** Days from the reference to the first detecting opening, if within the horizon. */
    private Double delay(Target g, List<AlertCourse> courses) {
        OffsetDateTime first = null;
        for (AlertCourse c : courses) {
            if (c.overlaps(g.from(), g.until())
                    && (first == null || c.openedAt().isBefore(first))) {
                first = c.openedAt();
            }
        }
        if (first == null || first.isAfter(g.reference().plus(horizon))) {
            return null;
        }
        return Duration.between(g.reference(), first).toMinutes() / 1440.0;
    }

    private Burden burden(List<AlertCourse> ofType, double patientYears) {
        Map<String, List<AlertCourse.Span>> bySlot = new LinkedHashMap<>();
        for (AlertCourse c : ofType) {
            bySlot.computeIfAbsent(c.patientId() + "|" + c.slot(), k -> new ArrayList<>())
                    .addAll(c.spans());
        }
        int openings = 0;
        int flaps = 0;
        int most = 0;
        for (List<AlertCourse.Span> spans : bySlot.values()) {
            spans.sort((a, b) -> a.from().compareTo(b.from()));
            openings += spans.size();
            most = Math.max(most, spans.size());
            for (int i = 1; i < spans.size(); i++) {
                OffsetDateTime resolved = spans.get(i - 1).to();
                if (resolved != null && !spans.get(i).from().isAfter(resolved.plus(flapWindow))) {
                    flaps++;
                }
            }
        }
        double weeks = patientYears * 365.25 / DAYS_PER_WEEK;
        return new Burden(openings, weeks == 0 ? Double.NaN : openings * 100 / weeks, flaps, most);
    }

    private static List<RunScore.Subgroup> subgroups(Cohort cohort, List<CaseOutcome> cases) {
        List<RunScore.Subgroup> groups = new ArrayList<>();
        groups.addAll(
                split(
                        "time since surgery",
                        cases,
                        o -> sinceSurgery(cohort.patients().get(o.target().patientId()), o)));
        groups.addAll(
                split(
                        "baseline",
                        cases,
                        o -> {
                            Patient p = cohort.patients().get(o.target().patientId());
                            return p.baseline() != null && p.baseline().hasVolumes()
                                    ? "with baseline"
                                    : "without baseline";
                        }));
        groups.addAll(
                split(
                        "cadence",
                        cases,
                        o -> cadence(cohort.patients().get(o.target().patientId()))));
        groups.addAll(split("device", cases, o -> cohort.device(o.target().patientId())));
        return groups;
    }

    private static final String[] SINCE_SURGERY = {
        "0-6 months", "6-12 months", "12-24 months", "24 months or more"
    };

    private static String sinceSurgery(Patient p, CaseOutcome o) {
        long days = ChronoUnit.DAYS.between(p.surgeryDate(), o.target().reference().toLocalDate());
        return days < 183
                ? SINCE_SURGERY[0]
                : days < 365 ? SINCE_SURGERY[1] : days < 730 ? SINCE_SURGERY[2] : SINCE_SURGERY[3];
    }

    static String cadence(Patient p) {
        return switch (p.cadenceDays()) {
            case 1 -> "daily";
            case 7 -> "weekly";
            default -> "every " + p.cadenceDays() + " days";
        };
    }

    /** Groups in a stable order: time since surgery chronologically, the rest by name. */
    private static List<RunScore.Subgroup> split(
            String dimension, List<CaseOutcome> cases, Function<CaseOutcome, String> group) {
        Map<String, List<CaseOutcome>> by = new java.util.TreeMap<>(SubgroupOrder.INSTANCE);
        cases.forEach(o -> by.computeIfAbsent(group.apply(o), k -> new ArrayList<>()).add(o));
        List<RunScore.Subgroup> out = new ArrayList<>();
        by.forEach(
                (name, list) -> {
                    List<Double> delays =
                            list.stream()
                                    .filter(CaseOutcome::detected)
                                    .map(CaseOutcome::delayDays)
                                    .toList();
                    out.add(
                            new RunScore.Subgroup(
                                    dimension,
                                    name,
                                    list.size(),
                                    delays.size(),
                                    new Delays(delays)));
                });
        return out;
    }

    /** Orders "0-6 months" before "12-24 months"; everything else alphabetically. */
    private enum SubgroupOrder implements java.util.Comparator<String> {
        INSTANCE;

        @Override
        public int compare(String a, String b) {
            return Integer.compare(rank(a), rank(b)) != 0
                    ? Integer.compare(rank(a), rank(b))
                    : a.compareTo(b);
        }

        private static int rank(String g) {
            for (int i = 0; i < SINCE_SURGERY.length; i++) {
                if (SINCE_SURGERY[i].equals(g)) {
                    return i;
                }
            }
            return SINCE_SURGERY.length;
        }
    }

    private static RunScore.TransientOutcome transients(
            Cohort cohort, Map<String, List<AlertCourse>> byPatient) {
        int patients = 0;
        int noAlert = 0;
        int resolved = 0;
        int stillOpen = 0;
        int lymphedema = 0;
        for (Truth t : cohort.scored()) {
            if (!Truth.TRANSIENT.equals(t.course())) {
                continue;
            }
            patients++;
            List<AlertCourse> mine = byPatient.getOrDefault(t.patientId(), List.of());
            List<AlertCourse> swelling =
                    mine.stream()
                            .filter(
                                    c ->
                                            c.type() == AlertType.SUBCLINICAL
                                                    || c.type() == AlertType.WORSENING_TREND)
                            .toList();
            if (mine.stream().anyMatch(c -> c.type() == AlertType.LYMPHEDEMA)) {
                lymphedema++;
            } else if (swelling.isEmpty()) {
                noAlert++;
            } else if (swelling.stream().allMatch(c -> c.resolvedAt() != null)) {
                resolved++;
            } else {
                stillOpen++;
            }
        }
        return new RunScore.TransientOutcome(patients, noAlert, resolved, stillOpen, lymphedema);
    }
}
