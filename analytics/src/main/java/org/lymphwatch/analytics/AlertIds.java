package org.lymphwatch.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.Side;

/**
 * Names of alert slots and episodes. An alertId is readable and deterministic: patient, type, limb,
 * side, what is wrong (quality problems only) and the UTC event time of the reading that opened the
 * episode, e.g. {@code p-000123:LYMPHEDEMA:ARM:LEFT:20260301T071500Z}. The offline analyzer and the
 * streaming job therefore give one episode the same id.
 */
final class AlertIds {

    private static final DateTimeFormatter COMPACT_UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AlertIds() {}

    /** One episode at a time per slot. */
    static String slot(AlertType type, Limb limb, Side side, String qualifier) {
        StringBuilder s = new StringBuilder(type.name()).append(':').append(limb.name());
        if (side != null) {
            s.append(':').append(side.name());
        }
        if (qualifier != null) {
            s.append(':').append(qualifier);
        }
        return s.toString();
    }

    /** The slot of a rule about the patient's at-risk limb. */
    static String atRiskSlot(AlertType type, Profile profile) {
        return slot(type, profile.limb(), profile.atRiskSide(), null);
    }

    static String alertId(String patientId, String slot, long openedAtMs) {
        return patientId + ":" + slot + ":" + COMPACT_UTC.format(Instant.ofEpochMilli(openedAtMs));
    }
}
