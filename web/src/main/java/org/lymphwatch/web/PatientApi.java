package org.lymphwatch.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lymphwatch.model.Alert;
import org.lymphwatch.model.Json;
import org.lymphwatch.model.OpenAlert;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.web.history.PatientHistory;
import org.lymphwatch.web.history.PatientHistory.History;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The patient page's data: status, alert history and audit (from Kafka), history (store). */
final class PatientApi {

    private static final Logger LOG = LoggerFactory.getLogger(PatientApi.class);

    record EventView(int revision, String state, String at, Double value, String message) {}

    /** An alert episode: its current state, open-ness from patient-status, all its events. */
    record EpisodeView(
            String alertId,
            String type,
            String limb,
            String side,
            String state,
            int revision,
            String openedAt,
            String at,
            String metric,
            Double value,
            Double threshold,
            String message,
            List<String> evidence,
            boolean open,
            boolean acknowledged,
            String snoozedUntil,
            List<EventView> events) {}

    record AuditView(
            String at, String by, String action, String alertId, String until, String note) {}

    record Detail(BoardApi.Row status, List<EpisodeView> alerts, List<AuditView> audit) {}

    private final TriageBoard board;
    private final AuditTrail audit;
    private final PatientHistory history;

    PatientApi(TriageBoard board, AuditTrail audit, PatientHistory history) {
        this.board = board;
        this.audit = audit;
        this.history = history;
    }

    /** GET /api/patients/{patientId} */
    void detail(Context ctx) {
        String patientId = Pages.knownPatient(ctx, board);
        PatientStatus status = board.status(patientId).orElseThrow();
        Map<String, OpenAlert> open =
                status.openAlerts().stream()
                        .collect(
                                Collectors.toMap(
                                        a -> a.alert().alertId(),
                                        Function.identity(),
                                        (a, b) -> b));
        List<EpisodeView> episodes =
                board.episodes(patientId).stream()
                        .map(e -> episode(e, open.get(e.alertId())))
                        .toList();
        List<AuditView> trail =
                audit.of(patientId).stream()
                        .map(
                                e ->
                                        new AuditView(
                                                Json.time(e.action().at()),
                                                e.action().by(),
                                                e.action().action().name(),
                                                e.action().alertId(),
                                                e.action().until() == null
                                                        ? null
                                                        : Json.time(e.action().until()),
                                                e.note()))
                        .toList();
        ctx.json(new Detail(BoardApi.Row.of(status, board.clock().orElse(null)), episodes, trail));
    }

    /** GET /api/patients/{patientId}/history */
    void history(Context ctx) {
        String patientId = Pages.knownPatient(ctx, board);
        History h;
        try {
            h = history.of(patientId);
        } catch (PatientHistory.StoreUnavailable e) {
            LOG.warn("patient history unavailable: {}", e.getMessage());
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .json(Map.of("error", "the store is not answering; try again shortly"));
            return;
        }
        ctx.json(HistoryView.of(h));
    }

    private static EpisodeView episode(TriageBoard.Episode e, OpenAlert open) {
        Alert current = e.current();
        return new EpisodeView(
                e.alertId(),
                current.type().name(),
                current.limb() == null ? null : current.limb().name(),
                current.side() == null ? null : current.side().name(),
                current.state().name(),
                current.revision(),
                Json.time(e.events().get(0).at()),
                Json.time(current.at()),
                current.metric(),
                current.value(),
                current.threshold(),
                current.message(),
                e.events().stream().flatMap(a -> a.evidence().stream()).distinct().toList(),
                open != null,
                open != null && open.acknowledged(),
                open == null || open.snoozedUntil() == null ? null : Json.time(open.snoozedUntil()),
                e.events().stream()
                        .map(
                                a ->
                                        new EventView(
                                                a.revision(),
                                                a.state().name(),
                                                Json.time(a.at()),
                                                a.value(),
                                                a.message()))
                        .toList());
    }

    /**
     * History as columns for uPlot: times in epoch seconds, one array per series, null where a
     * series has no value.
     */
    record HistoryView(
            Map<String, List<Object>> volumes,
            Map<String, List<Object>> swelling,
            Map<String, List<Object>> bioimpedance,
            Map<String, List<Object>> context) {

        static HistoryView of(History h) {
            return new HistoryView(
                    columns(
                            h.volumes(),
                            Map.of(
                                    "t",
                                    p -> seconds(p.at()),
                                    "side",
                                    p -> p.side().name(),
                                    "volumeMl",
                                    PatientHistory.VolumePoint::volumeMl,
                                    "readingId",
                                    PatientHistory.VolumePoint::readingId)),
                    columns(
                            h.swelling(),
                            Map.of(
                                    "t", p -> seconds(p.at()),
                                    "rvcPct", PatientHistory.SwellingPoint::rvcPct,
                                    "ilvdPct", PatientHistory.SwellingPoint::ilvdPct,
                                    "lDexDelta", PatientHistory.SwellingPoint::lDexDelta,
                                    "slope", PatientHistory.SwellingPoint::trendSlopePctPerWeek,
                                    "ciLow", PatientHistory.SwellingPoint::trendCiLowPctPerWeek,
                                    "ciHigh", PatientHistory.SwellingPoint::trendCiHighPctPerWeek)),
                    columns(
                            h.bioimpedance(),
                            Map.of(
                                    "t", p -> seconds(p.at()),
                                    "lDex", PatientHistory.BioimpedancePoint::lDex,
                                    "r0Ratio", PatientHistory.BioimpedancePoint::r0Ratio,
                                    "readingId", PatientHistory.BioimpedancePoint::readingId)),
                    columns(
                            h.context(),
                            Map.of(
                                    "t", p -> seconds(p.at()),
                                    "massage", PatientHistory.ContextEvent::massageSession,
                                    "fever", PatientHistory.ContextEvent::fever,
                                    "redness", PatientHistory.ContextEvent::redness,
                                    "readingId", PatientHistory.ContextEvent::readingId)));
        }

        private static <P> Map<String, List<Object>> columns(
                List<P> points, Map<String, Function<P, Object>> columns) {
            return columns.entrySet().stream()
                    .collect(
                            Collectors.toMap(
                                    Map.Entry::getKey,
                                    c ->
                                            points.stream()
                                                    .map(p -> c.getValue().apply(p))
                                                    .collect(
                                                            java.util.ArrayList::new,
                                                            java.util.ArrayList::add,
                                                            java.util.ArrayList::addAll)));
        }

        private static Object seconds(Instant t) {
            return t.toEpochMilli() / 1000.0;
        }
    }
}
