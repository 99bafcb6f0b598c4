package org.lymphwatch.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Json;
import org.lymphwatch.model.OpenAlert;
import org.lymphwatch.model.PatientStatus;

/** GET /api/board: every patient in triage order, for the board page and its live updates. */
final class BoardApi {

    /** One open alert as the board shows it. */
    record AlertView(
            String alertId,
            String type,
            String state,
            String at,
            String message,
            boolean acknowledged,
            String snoozedUntil) {

        static AlertView of(OpenAlert a) {
            return new AlertView(
                    a.alert().alertId(),
                    a.alert().type().name(),
                    a.alert().state().name(),
                    Json.time(a.alert().at()),
                    a.alert().message(),
                    a.acknowledged(),
                    a.snoozedUntil() == null ? null : Json.time(a.snoozedUntil()));
        }
    }

    /** One row of the board. hoursSinceLastReading is counted on the job's clock. */
    record Row(
            String patientId,
            String level,
            String limb,
            String atRiskSide,
            Double rvcPct,
            Double ilvdMl,
            Double ilvdPct,
            Double lDex,
            Double lDexDelta,
            Double trendSlopePctPerWeek,
            Double trendCiLowPctPerWeek,
            Double trendCiHighPctPerWeek,
            Double trendP,
            String lastReadingAt,
            String measurementDueAt,
            Double hoursSinceLastReading,
            boolean stale,
            List<AlertView> openAlerts) {

        static Row of(PatientStatus s, OffsetDateTime clock) {
            Double hours =
                    s.lastReadingAt() == null || clock == null
                            ? null
                            : Duration.between(s.lastReadingAt(), clock).toMinutes() / 60.0;
            boolean overdue =
                    s.measurementDueAt() != null
                            && clock != null
                            && clock.isAfter(s.measurementDueAt());
            boolean staleAlert =
                    s.openAlerts().stream().anyMatch(a -> a.alert().type() == AlertType.STALE_DATA);
            return new Row(
                    s.patientId(),
                    s.level().name(),
                    s.limb().name(),
                    s.atRiskSide().name(),
                    s.rvcPct(),
                    s.ilvdMl(),
                    s.ilvdPct(),
                    s.lDex(),
                    s.lDexDelta(),
                    s.trendSlopePctPerWeek(),
                    s.trendCiLowPctPerWeek(),
                    s.trendCiHighPctPerWeek(),
                    s.trendP(),
                    s.lastReadingAt() == null ? null : Json.time(s.lastReadingAt()),
                    s.measurementDueAt() == null ? null : Json.time(s.measurementDueAt()),
                    hours,
                    overdue || staleAlert,
                    s.openAlerts().stream().map(AlertView::of).toList());
        }
    }

    record Board(long version, boolean caughtUp, String clock, List<Row> patients) {}

    private final TriageBoard board;
    private final BoardFollower follower;

    BoardApi(TriageBoard board, BoardFollower follower) {
        this.board = board;
        this.follower = follower;
    }

    /** ?since=V answers 204 while nothing has changed, so polling every few seconds is cheap. */
    void board(Context ctx) {
        long version = board.version();
        String since = ctx.queryParam("since");
        if (since != null && since.equals(Long.toString(version)) && follower.caughtUp()) {
            ctx.status(HttpStatus.NO_CONTENT);
            return;
        }
        OffsetDateTime clock = board.clock().orElse(null);
        ctx.json(
                new Board(
                        version,
                        follower.caughtUp(),
                        clock == null ? null : Json.time(clock),
                        board.inTriageOrder().stream().map(s -> Row.of(s, clock)).toList()));
    }
}
