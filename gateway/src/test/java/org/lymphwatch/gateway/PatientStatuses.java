package org.lymphwatch.gateway;

import java.time.OffsetDateTime;
import java.util.List;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Limb;
import org.lymphwatch.model.OpenAlert;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.model.Side;
import org.lymphwatch.model.StatusLevel;

/** Patient statuses as the job publishes them, for the gateway's tests. */
final class PatientStatuses {

    private PatientStatuses() {}

    /**
     * A status whose last reading, as-of time and alert are all at {@code at}, measured next a day
     * later; with an open RAPID_RISE alert saying {@code alertMessage}, unless that is null.
     */
    static PatientStatus of(
            String patientId, StatusLevel level, String alertMessage, OffsetDateTime at) {
        List<OpenAlert> open =
                alertMessage == null
                        ? List.of()
                        : List.of(
                                new OpenAlert(
                                        new Alert(
                                                1,
                                                patientId + ":RAPID_RISE:ARM:LEFT",
                                                patientId,
                                                Limb.ARM,
                                                Side.LEFT,
                                                AlertType.RAPID_RISE,
                                                AlertState.OPENED,
                                                1,
                                                at,
                                                "RVC",
                                                6.0,
                                                5.0,
                                                alertMessage,
                                                List.of("r-1")),
                                        false,
                                        null));
        return new PatientStatus(
                1,
                patientId,
                Limb.ARM,
                Side.LEFT,
                level,
                at,
                at,
                at.plusDays(1),
                1.0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                open);
    }
}
