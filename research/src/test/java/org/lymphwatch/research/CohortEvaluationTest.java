package org.lymphwatch.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lymphwatch.analytics.OfflineAnalyzer;
import org.lymphwatch.analytics.Output;
import org.lymphwatch.analytics.Thresholds;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Patient;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.CohortStream;
import org.lymphwatch.simulators.Delivery;
import org.lymphwatch.simulators.GroundTruth;

/**
 * Scores the alert rules against the simulator's ground truth on a seeded virtual cohort of 500
 * patients followed for two years, the accepted readings analysed in arrival order by {@link
 * OfflineAnalyzer}, the engine of {@code ./lymphwatch analyze}, and scored by {@link Scoring}, the
 * engine of {@code ./lymphwatch evaluate}. (The simulator's own tests show its accepted readings
 * are exactly what the validator accepts; validating 550 000 messages again would double the run
 * time.) The horizon is the whole follow-up: any LYMPHEDEMA alert open at or after the true onset
 * detects the case. docs/alert-rules.md records the figures.
 */
class CohortEvaluationTest {

    private static final int PATIENTS = 500;
    private static final int DAYS = 730;
    private static final long SEED = 20_261_125L;

    @Test
    void lymphedemaAlertsFindMostCasesEarlyWithFewFalseAlarms() {
        CohortStream cohort = CohortGenerator.stream(CohortConfig.of(PATIENTS, DAYS, SEED));
        Map<String, Patient> patients = new HashMap<>();
        cohort.patients().forEach(p -> patients.put(p.patientId(), p));
        List<Alert> alerts = new ArrayList<>();
        long accepted = 0;
        OfflineAnalyzer analyzer =
                new OfflineAnalyzer(
                        patients,
                        Thresholds.DEFAULT,
                        o -> {
                            if (o instanceof Output.AlertEvent e) {
                                alerts.add(e.alert());
                            }
                        });
        while (cohort.hasNext()) {
            Delivery d = cohort.next();
            if (d.accepted()) {
                analyzer.accept(d.reading());
                accepted++;
            }
        }
        analyzer.finish();
        Map<String, Truth> truths = new HashMap<>();
        for (GroundTruth t : cohort.truths()) {
            truths.put(t.patientId(), TruthJson.read(t.toJson()));
        }

        RunScore run =
                new Scoring(Duration.ofDays(DAYS), Scoring.DEFAULT_FLAP_WINDOW)
                        .score(
                                "defaults",
                                null,
                                Cohort.of(patients, truths, Map.of(), Map.of()),
                                alerts);

        TypeScore l = run.types().get(AlertType.LYMPHEDEMA);
        System.out.printf(
                Locale.ROOT,
                "cohort %d patients x %d days (seed %d): %d readings analysed, %.1f patient-years%n",
                PATIENTS,
                DAYS,
                SEED,
                accepted,
                run.patientYears());
        run.types()
                .forEach(
                        (type, s) ->
                                System.out.printf(
                                        Locale.ROOT,
                                        "%-19s cases %3d detected %3d sensitivity %.3f; alarms %4d"
                                                + " false %4d (%.3f per patient-year) PPV %.3f;"
                                                + " delay median %.1f IQR %.1f to %.1f; %.3f opened"
                                                + " per 100 patients per week, %d flaps%n",
                                        type,
                                        s.cases(),
                                        s.detected(),
                                        s.sensitivity(),
                                        s.alarms(),
                                        s.falseAlarms(),
                                        s.falseAlarmsPerPatientYear(),
                                        s.ppv(),
                                        s.delays().median(),
                                        s.delays().quantile(0.25),
                                        s.delays().quantile(0.75),
                                        run.burden().get(type).perHundredPatientWeeks(),
                                        run.burden().get(type).flaps()));

        // Floors well below the recorded figures (sensitivity 0.985, 0.039 false alarms per
        // patient-year, median delay -7.7 days), so a changed simulator does not break the build
        // but a broken rule does.
        assertThat(run.patientYears())
                .isCloseTo(PATIENTS * DAYS / 365.25, org.assertj.core.api.Assertions.within(0.5));
        assertThat(l.cases()).isGreaterThan(80);
        assertThat(l.sensitivity()).isGreaterThanOrEqualTo(0.90);
        assertThat(l.falseAlarmsPerPatientYear()).isLessThanOrEqualTo(0.10);
        assertThat(l.delays().median()).isLessThanOrEqualTo(14.0);
    }
}
