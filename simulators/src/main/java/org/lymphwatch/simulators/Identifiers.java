package org.lymphwatch.simulators;

/**
 * Pseudonymous ids. Patient ids count from p-000001. Device ids look random but are a bijection of
 * the patient index, so no two patients share a device. Reading ids combine a tag of the cohort
 * seed, the patient and a per-patient sequence number: stable for the same seed, unique across
 * seeds in practice.
 */
final class Identifiers {

    private static final int SHORT_IDS = 1 << 16;

    private Identifiers() {}

    static String patientId(int index) {
        return "p-" + zeroPadded(index + 1, 6);
    }

    static String deviceId(String kind, long seed, int patientIndex) {
        long salt = Dice.mix(seed ^ kind.hashCode());
        if (patientIndex < SHORT_IDS) {
            // An odd multiplier plus an offset is a permutation of 16-bit numbers.
            long h = (patientIndex * 0x9E3BL + salt) & 0xFFFF;
            return kind + "-" + hex(h, 4);
        }
        long h = (patientIndex * 0x9E3779B1L + salt) & 0xFFFF_FFFFL;
        return kind + "-" + hex(h, 8);
    }

    static String seedTag(long seed) {
        return hex(Dice.mix(seed) & 0xFFFF_FFFFL, 8);
    }

    /** Hands out a patient's reading ids in sequence. */
    static final class ReadingIds {
        private final String prefix;
        private int next;

        ReadingIds(long seed, int patientIndex) {
            this.prefix = "r-" + seedTag(seed) + "-" + zeroPadded(patientIndex + 1, 6) + "-";
        }

        String next() {
            return prefix + next++;
        }
    }

    private static String zeroPadded(int n, int width) {
        String s = Integer.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static String hex(long n, int width) {
        String s = Long.toHexString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
