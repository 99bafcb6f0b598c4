package org.lymphwatch.model;

import java.util.Collection;

/**
 * A patient's triage level, most urgent first (the order the triage board sorts by): the most
 * urgent of the patient's open alerts decides it.
 */
public enum StatusLevel {
    /** RAPID_RISE open: possible cellulitis or DVT, the patient should contact their provider. */
    URGENT,
    /** LYMPHEDEMA open. */
    LYMPHEDEMA,
    /** SUBCLINICAL open: early swelling, compression now can stop it progressing. */
    SUBCLINICAL,
    /** WORSENING_TREND or NO_RESPONSE open: needs a look, not yet a threshold crossing. */
    WATCH,
    /** STALE_DATA or MEASUREMENT_QUALITY open: the data, not the limb, needs attention. */
    CHECK_DATA,
    /** Nothing open. */
    OK;

    public static StatusLevel of(AlertType type) {
        return switch (type) {
            case RAPID_RISE -> URGENT;
            case LYMPHEDEMA -> LYMPHEDEMA;
            case SUBCLINICAL -> SUBCLINICAL;
            case WORSENING_TREND, NO_RESPONSE -> WATCH;
            case STALE_DATA, MEASUREMENT_QUALITY -> CHECK_DATA;
        };
    }

    /** The most urgent level among these open alerts; OK when there are none. */
    public static StatusLevel of(Collection<OpenAlert> open) {
        StatusLevel level = OK;
        for (OpenAlert a : open) {
            StatusLevel l = of(a.alert().type());
            if (l.ordinal() < level.ordinal()) {
                level = l;
            }
        }
        return level;
    }
}
