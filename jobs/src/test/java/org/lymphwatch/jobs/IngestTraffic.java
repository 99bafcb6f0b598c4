package org.lymphwatch.jobs;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.PatientContext;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingJson;
import org.lymphwatch.model.ReadingKind;
import org.lymphwatch.model.RejectReason;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.VolumeMethod;

/**
 * What devices send in an ingest test: distinct valid readings of every kind, re-deliveries of some
 * of them, and malformed messages whose reject reason is known, shuffled into one stream.
 */
final class IngestTraffic {

    final List<String> messages = new ArrayList<>();
    final List<Reading> distinctValid = new ArrayList<>();
    final Map<RejectReason, Integer> expectedRejects = new EnumMap<>(RejectReason.class);
    int duplicates;

    /**
     * @param prefix keeps patients of different test runs apart in the shared store
     */
    static IngestTraffic generate(String prefix, int patients, int daysEach, long seed) {
        IngestTraffic t = new IngestTraffic();
        SplittableRandom random = new SplittableRandom(seed);
        OffsetDateTime start = OffsetDateTime.of(2026, 1, 5, 7, 30, 0, 0, ZoneOffset.ofHours(1));
        int serial = 0;
        for (int p = 0; p < patients; p++) {
            String patient = String.format("%s-p-%04d", prefix, p);
            for (int day = 0; day < daysEach; day++) {
                OffsetDateTime at = start.plusDays(day).plusMinutes(p);
                for (Side side : Side.values()) {
                    t.distinctValid.add(
                            volume(
                                    prefix + "-r-" + serial++,
                                    patient,
                                    at.plusSeconds(side.ordinal() * 20),
                                    side,
                                    2400 + random.nextDouble() * 200));
                }
                if (day % 7 == 0) {
                    t.distinctValid.add(
                            tape(prefix + "-r-" + serial++, patient, at.plusMinutes(5)));
                    t.distinctValid.add(
                            bioimpedance(
                                    prefix + "-r-" + serial++,
                                    patient,
                                    at.plusMinutes(10),
                                    random.nextGaussian() * 3.3));
                }
                if (day % 3 == 0) {
                    t.distinctValid.add(
                            context(prefix + "-r-" + serial++, patient, at.plusHours(12)));
                }
            }
        }
        List<String> stream = new ArrayList<>();
        for (Reading r : t.distinctValid) {
            stream.add(ReadingJson.write(r));
        }
        for (int i = 0; i < t.distinctValid.size() / 10; i++) {
            stream.add(
                    ReadingJson.write(t.distinctValid.get(random.nextInt(t.distinctValid.size()))));
            t.duplicates++;
        }
        String good = ReadingJson.write(t.distinctValid.get(0));
        for (int i = 0; i < Math.max(1, t.distinctValid.size() / 100); i++) {
            String id = prefix + "-bad-" + i;
            String patient = prefix + "-p-0000";
            String leftArm = ReadingJson.write(volume(id, patient, start, Side.LEFT, 2400));
            t.bad(stream, RejectReason.NOT_JSON, good.substring(0, good.length() / 2));
            t.bad(stream, RejectReason.NOT_FINITE, leftArm.replace("2400.0", "NaN"));
            t.bad(stream, RejectReason.OUT_OF_RANGE, leftArm.replace("2400.0", "-2400.0"));
            t.bad(
                    stream,
                    RejectReason.UNKNOWN_KIND,
                    leftArm.replace("LIMB_VOLUME", "BLOOD_PRESSURE"));
            t.bad(stream, RejectReason.MISSING_FIELD, leftArm.replace("\"side\":\"LEFT\",", ""));
            t.bad(
                    stream,
                    RejectReason.FUTURE_TIME,
                    ReadingJson.write(
                            volume(
                                    id,
                                    patient,
                                    OffsetDateTime.now(ZoneOffset.UTC).plusDays(2),
                                    Side.LEFT,
                                    2400)));
            t.bad(
                    stream,
                    RejectReason.UNSUPPORTED_SCHEMA,
                    good.replace("\"schema\":1", "\"schema\":2"));
            t.bad(
                    stream,
                    RejectReason.TOO_LARGE,
                    good.replace("}", ",\"pad\":\"" + "x".repeat(70_000) + "\"}"));
        }
        // Arrival order is not measurement order: shuffle everything together.
        for (int i = stream.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String tmp = stream.get(i);
            stream.set(i, stream.get(j));
            stream.set(j, tmp);
        }
        t.messages.addAll(stream);
        return t;
    }

    private void bad(List<String> stream, RejectReason reason, String message) {
        stream.add(message);
        expectedRejects.merge(reason, 1, Integer::sum);
    }

    int rejectCount() {
        return expectedRejects.values().stream().mapToInt(Integer::intValue).sum();
    }

    long distinct(ReadingKind... kinds) {
        List<ReadingKind> k = List.of(kinds);
        return distinctValid.stream().filter(r -> k.contains(r.kind())).count();
    }

    static Reading volume(String id, String patient, OffsetDateTime at, Side side, double ml) {
        return Reading.limbVolume(
                id,
                patient,
                "perometer-7f3a",
                at,
                Limb.ARM,
                side,
                Math.round(ml * 10) / 10.0,
                VolumeMethod.PEROMETER);
    }

    private static Reading tape(String id, String patient, OffsetDateTime at) {
        double[] c = {16.0, 17.1, 18.3, 20.2, 22.4, 24.1, 25.8, 27.0, 28.2};
        return Reading.circumferences(id, patient, "tape-app-31", at, Limb.ARM, Side.LEFT, 4.0, c);
    }

    private static Reading bioimpedance(String id, String patient, OffsetDateTime at, double lDex) {
        return Reading.bioimpedance(
                id, patient, "sozo-12", at, Limb.ARM, Math.round(lDex * 10) / 10.0, 312.0, 330.5);
    }

    private static Reading context(String id, String patient, OffsetDateTime at) {
        return Reading.context(
                id, patient, "app-9", at, new PatientContext(true, true, null, null, null));
    }
}
