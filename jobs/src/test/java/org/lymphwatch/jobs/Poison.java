package org.lymphwatch.jobs;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.ReadingJson;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.VolumeMethod;

/** Messages a job must survive: malformed of every kind, and readings of unregistered patients. */
final class Poison {

    private Poison() {}

    /** {@code n} messages that break the contract in rotating ways, seeded. */
    static List<String> messages(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        OffsetDateTime at = OffsetDateTime.of(2024, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String good =
                    ReadingJson.write(
                            Reading.limbVolume(
                                    "poison-" + i,
                                    "p-000001",
                                    "perometer-1",
                                    at.plusMinutes(i),
                                    Limb.ARM,
                                    Side.LEFT,
                                    2400.0,
                                    VolumeMethod.PEROMETER));
            out.add(
                    switch (i % 9) {
                        case 0 -> good.substring(0, 1 + random.nextInt(good.length() - 2));
                        case 1 -> good.replace("2400.0", "NaN");
                        case 2 -> good.replace("2400.0", "-2400.0");
                        case 3 -> good.replace("LIMB_VOLUME", "BLOOD_PRESSURE");
                        case 4 -> good.replace("\"side\":\"LEFT\",", "");
                        case 5 -> good.replace("\"schema\":1", "\"schema\":7");
                        case 6 -> good.replace("2400.0", "\"lots\"");
                        case 7 -> "[" + good + "]";
                        // Oversized messages are rare: each is 70 KB on the broker.
                        default ->
                                i % 100 == 8
                                        ? good.replace(
                                                "}", ",\"pad\":\"" + "x".repeat(70_000) + "\"}")
                                        : "{}";
                    });
        }
        return out;
    }

    /** Valid daily arm volumes of a patient the registry does not know. */
    static List<String> unregisteredPatient(String patientId, int readings) {
        OffsetDateTime at = OffsetDateTime.of(2024, 2, 1, 8, 0, 0, 0, ZoneOffset.UTC);
        List<String> out = new ArrayList<>(readings);
        for (int i = 0; i < readings; i++) {
            out.add(
                    ReadingJson.write(
                            Reading.limbVolume(
                                    "stranger-" + i,
                                    patientId,
                                    "perometer-9",
                                    at.plusDays(i),
                                    Limb.ARM,
                                    i % 2 == 0 ? Side.LEFT : Side.RIGHT,
                                    2400.0 + i,
                                    VolumeMethod.PEROMETER)));
        }
        return out;
    }
}
