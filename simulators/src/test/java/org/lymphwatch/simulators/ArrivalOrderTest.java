package org.lymphwatch.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lymphwatch.model.Json;

class ArrivalOrderTest {

    private static final Set<String> CONTRACT_FIELDS =
            Set.of(
                    "schema",
                    "readingId",
                    "patientId",
                    "deviceId",
                    "measuredAt",
                    "kind",
                    "limb",
                    "side",
                    "volumeMl",
                    "method",
                    "intervalCm",
                    "circumferencesCm",
                    "lDex",
                    "r0AtRiskOhm",
                    "r0UnaffectedOhm",
                    "massageSession",
                    "compressionWorn",
                    "fever",
                    "redness",
                    "pain");

    private final List<Delivery> arrivals = ReferenceCohort.get().arrivals();

    @Test
    void messagesComeInArrivalOrder() {
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i).arrivalAt())
                    .isAfterOrEqualTo(arrivals.get(i - 1).arrivalAt());
        }
    }

    @Test
    void aBackfilledReadingArrivesDaysAfterItWasMeasuredBehindNewerOnes() {
        List<Delivery> late = arrivals.stream().filter(d -> d.has(Fault.LATE_BACKFILL)).toList();

        assertThat(late).isNotEmpty();
        assertThat(late)
                .anyMatch(
                        d ->
                                Duration.between(d.reading().instant(), d.arrivalAt())
                                                .compareTo(Duration.ofDays(2))
                                        > 0);
        Delivery first = late.get(0);
        int position = arrivals.indexOf(first);
        assertThat(arrivals.subList(0, position))
                .anyMatch(d -> d.reading().instant().isAfter(first.reading().instant()));
    }

    @Test
    void onTimeReadingsArriveWithinTwoMinutesOfMeasuring() {
        for (Delivery d : arrivals) {
            if (d.faults().isEmpty()) {
                Duration delay = Duration.between(d.reading().instant(), d.arrivalAt());
                assertThat(delay).isBetween(Duration.ZERO, Duration.ofMinutes(2));
            }
        }
    }

    @Test
    void aDuplicateIsTheSameMessageAgainShortlyAfter() {
        List<Delivery> duplicates = arrivals.stream().filter(d -> d.has(Fault.DUPLICATE)).toList();

        assertThat(duplicates).isNotEmpty();
        for (Delivery dup : duplicates.subList(0, 50)) {
            Delivery original =
                    arrivals.stream()
                            .filter(d -> !d.has(Fault.DUPLICATE))
                            .filter(d -> d.message().equals(dup.message()))
                            .findFirst()
                            .orElseThrow();
            assertThat(Duration.between(original.arrivalAt(), dup.arrivalAt()))
                    .isBetween(Duration.ofSeconds(1), Duration.ofMinutes(2));
        }
    }

    @Test
    void readingIdsAreUniqueExceptForDuplicates() {
        Set<String> ids = new HashSet<>();
        for (Delivery d : arrivals) {
            if (!d.has(Fault.DUPLICATE)) {
                assertThat(ids.add(d.reading().readingId())).as(d.message()).isTrue();
            }
        }
    }

    @Test
    void wellFormedMessagesCarryOnlyContractFields() throws Exception {
        for (Delivery d : arrivals.subList(0, 20_000)) {
            if (d.faults().stream().noneMatch(Fault::malformed)) {
                JsonNode n = Json.mapper().readTree(d.message());
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    assertThat(it.next()).isIn(CONTRACT_FIELDS);
                }
            }
        }
    }

    @Test
    void idsLookLikeTheContractExamples() {
        Delivery d = arrivals.get(0);

        assertThat(d.reading().patientId()).matches("p-\\d{6}");
        assertThat(d.reading().deviceId()).matches("(perometer|app|bis)-[0-9a-f]{4}");
        assertThat(d.reading().readingId()).matches("r-[0-9a-f]{8}-\\d{6}-\\d+");
        assertThat(
                        ReferenceCohort.get().arrivals().stream()
                                .map(x -> x.reading().deviceId())
                                .distinct()
                                .count())
                .isGreaterThan(ReferenceCohort.CONFIG.patients());
    }
}
