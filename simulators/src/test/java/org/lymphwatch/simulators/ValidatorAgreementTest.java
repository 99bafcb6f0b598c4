package org.lymphwatch.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.ReadingValidator;
import org.lymphwatch.model.RejectReason;
import org.lymphwatch.model.Validation;

/** The simulator and the pipeline's validator agree on every message, faults included. */
class ValidatorAgreementTest {

    /** Every fault often enough that each variant shows up in a small cohort. */
    private static final FaultRates FREQUENT =
            new FaultRates(0.05, 0.02, 0.03, 0.03, 0.05, 0.1, 0.05);

    private static final ReadingValidator VALIDATOR = new ReadingValidator();

    private static List<Delivery> faulty;

    @BeforeAll
    static void generate() {
        faulty =
                CohortGenerator.generate(CohortConfig.of(40, 365, 99L).withFaults(FREQUENT))
                        .arrivals();
    }

    @Test
    void everyWellFormedReadingIsAcceptedExactlyAsSent() {
        List<Delivery> accepted =
                ReferenceCohort.get().arrivals().stream().filter(Delivery::accepted).toList();

        assertThat(accepted).hasSizeGreaterThan(100_000);
        for (Delivery d : accepted) {
            Validation v = VALIDATOR.validate(d.message(), d.arrivalAt());
            assertThat(v).as(d.message()).isEqualTo(new Validation.Accepted(d.reading()));
        }
    }

    @Test
    void everyInjectedFaultIsRejectedWithItsExpectedReasonOrAccepted() {
        for (Delivery d : faulty) {
            Validation v = VALIDATOR.validate(d.message(), d.arrivalAt());
            if (d.accepted()) {
                assertThat(v).as(d.message()).isEqualTo(new Validation.Accepted(d.reading()));
            } else {
                assertThat(v).as(d.message()).isInstanceOf(Validation.Rejected.class);
                assertThat(((Validation.Rejected) v).rejection().reason())
                        .as(d.message())
                        .isEqualTo(d.expectedReject());
            }
        }
    }

    @Test
    void everyFaultKindAndRejectReasonShowsUp() {
        Set<Fault> seen = EnumSet.noneOf(Fault.class);
        Set<RejectReason> reasons = EnumSet.noneOf(RejectReason.class);
        for (Delivery d : faulty) {
            seen.addAll(d.faults());
            if (!d.accepted()) {
                reasons.add(d.expectedReject());
            }
        }

        assertThat(seen).containsExactlyInAnyOrder(Fault.values());
        assertThat(reasons)
                .containsExactlyInAnyOrder(
                        RejectReason.NOT_JSON,
                        RejectReason.NOT_FINITE,
                        RejectReason.OUT_OF_RANGE,
                        RejectReason.UNKNOWN_KIND,
                        RejectReason.FUTURE_TIME);
    }

    @Test
    void malformedMessagesAreRejectedAndOnlyThey() {
        for (Delivery d : faulty) {
            boolean malformed = d.faults().stream().anyMatch(Fault::malformed);
            if (malformed) {
                assertThat(d.expectedReject()).isNotNull().isNotEqualTo(RejectReason.FUTURE_TIME);
            } else if (d.expectedReject() != null) {
                assertThat(d.expectedReject()).isEqualTo(RejectReason.FUTURE_TIME);
            }
        }
    }

    @Test
    void aClockAheadOfArrivalIsFutureTimeAndABehindOneIsAccepted() {
        List<Delivery> clock =
                faulty.stream()
                        .filter(d -> d.has(Fault.CLOCK_SKEW) || d.has(Fault.TIME_ZONE))
                        .filter(d -> !d.has(Fault.LATE_BACKFILL))
                        .toList();

        assertThat(clock).isNotEmpty();
        for (Delivery d : clock) {
            boolean ahead = d.reading().instant().isAfter(d.arrivalAt().plusSeconds(600));
            assertThat(d.expectedReject())
                    .as(d.message())
                    .isEqualTo(ahead ? RejectReason.FUTURE_TIME : null);
        }
        assertThat(clock).anyMatch(Delivery::accepted);
        assertThat(clock).anyMatch(d -> !d.accepted());
    }

    @Test
    void leadErrorsShowLDexBelowMinusTenAndAreStillAccepted() {
        List<Delivery> leadErrors = faulty.stream().filter(d -> d.has(Fault.LEAD_ERROR)).toList();

        assertThat(leadErrors).isNotEmpty();
        for (Delivery d : leadErrors) {
            assertThat(d.reading().lDex()).isLessThan(-10);
            assertThat(d.reading().r0Ratio()).isLessThan(1);
        }
        assertThat(leadErrors).anyMatch(Delivery::accepted);
    }
}
