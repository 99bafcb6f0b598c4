package org.lymphwatch.simulators;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.lymphwatch.model.Reading;

/**
 * A default cohort of two years, generated once and shared by the statistical tests: large enough
 * for the rates they check, small enough to keep the suite fast.
 */
final class ReferenceCohort {

    static final CohortConfig CONFIG = CohortConfig.of(200, 730, 20260301L);

    private static Cohort cohort;

    private ReferenceCohort() {}

    static synchronized Cohort get() {
        if (cohort == null) {
            cohort = CohortGenerator.generate(CONFIG);
        }
        return cohort;
    }

    /** The day after surgery, in the patient's zone, on which a reading was truly measured. */
    static int day(VirtualPatient p, Reading r) {
        LocalDate local = r.measuredAt().atZoneSameInstant(p.zone()).toLocalDate();
        return (int) ChronoUnit.DAYS.between(p.surgeryDate(), local);
    }
}
