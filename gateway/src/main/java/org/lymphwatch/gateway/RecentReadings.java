package org.lymphwatch.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reading ids the gateway acknowledged most recently, per patient, in bounded memory: a device
 * that re-sends after losing the answer is told "duplicate" rather than writing the reading again.
 * Older ids are forgotten; a re-send of one of those is written again and dropped by the job's own
 * de-duplication, so forgetting costs a little traffic, never a double count.
 */
final class RecentReadings {

    private final Map<String, Boolean> ids;

    RecentReadings(int capacity) {
        this.ids =
                new LinkedHashMap<>(1024, 0.75f, false) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                        return size() > capacity;
                    }
                };
    }

    synchronized boolean contains(String patientId, String readingId) {
        return ids.containsKey(key(patientId, readingId));
    }

    synchronized void add(String patientId, String readingId) {
        ids.put(key(patientId, readingId), Boolean.TRUE);
    }

    /** Per patient, so a device cannot make another patient's reading look like a duplicate. */
    private static String key(String patientId, String readingId) {
        return patientId + '\u0000' + readingId;
    }
}
