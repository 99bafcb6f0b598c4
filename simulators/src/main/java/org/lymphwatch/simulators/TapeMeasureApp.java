package org.lymphwatch.simulators;

import java.time.ZonedDateTime;
import java.util.List;
import org.lymphwatch.model.PatientContext;
import org.lymphwatch.model.Reading;
import org.lymphwatch.model.Side;

/**
 * The patient's phone app. It sends tape-measure circumferences, every 4 cm from the wrist up, of
 * both arms a few minutes apart (each point off by the patient's 0.3-0.5 cm), and what the patient
 * reports: massage, compression, fever, redness, pain.
 */
final class TapeMeasureApp {

    private final String deviceId;

    TapeMeasureApp(String deviceId) {
        this.deviceId = deviceId;
    }

    Session measure(
            VirtualPatient p, int day, ZonedDateTime at, Dice noise, Identifiers.ReadingIds ids) {
        Reading left = arm(p, day, at, Side.LEFT, noise, ids);
        Reading right =
                arm(p, day, at.plusSeconds(noise.between(120, 300)), Side.RIGHT, noise, ids);
        return new Session(Device.PHONE_APP, List.of(left, right));
    }

    Session report(
            VirtualPatient p,
            ZonedDateTime at,
            PatientContext context,
            Identifiers.ReadingIds ids) {
        return new Session(
                Device.PHONE_APP,
                List.of(
                        Readings.context(
                                ids.next(),
                                p.patientId(),
                                deviceId,
                                at.toOffsetDateTime(),
                                context)));
    }

    private Reading arm(
            VirtualPatient p,
            int day,
            ZonedDateTime at,
            Side side,
            Dice noise,
            Identifiers.ReadingIds ids) {
        double[] cm =
                p.body().shape(side).circumferencesCm(p.volumeMlAt(side, day, at.toLocalTime()));
        double error = p.habits().tapePointErrorCm();
        for (int i = 0; i < cm.length; i++) {
            cm[i] = Readings.tenths(cm[i] + noise.normal(0, error));
        }
        return Readings.circumferences(
                ids.next(),
                p.patientId(),
                deviceId,
                at.toOffsetDateTime(),
                p.limb(),
                side,
                LimbShape.INTERVAL_CM,
                cm);
    }
}
