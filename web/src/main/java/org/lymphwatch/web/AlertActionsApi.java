package org.lymphwatch.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.Json;
import org.lymphwatch.model.PatientStatus;
import org.lymphwatch.web.Sessions.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /api/patients/{patientId}/alerts/{alertId}/actions, body {@code {"action":
 * "ACKNOWLEDGE"|"SNOOZE"|"RESOLVE", "note": "...", "until": "..."}}: audits the action and
 * publishes it to {@code alert-actions} with the logged-in clinician as {@code by}. The board shows
 * the result when the job has applied it and published the new status.
 */
final class AlertActionsApi {

    private static final Logger LOG = LoggerFactory.getLogger(AlertActionsApi.class);
    static final Duration MAX_SNOOZE = Duration.ofDays(90);

    private final TriageBoard board;
    private final AlertActionSender sender;
    private final AuditTrail audit;
    private final Clock clock;

    AlertActionsApi(TriageBoard board, AlertActionSender sender, AuditTrail audit, Clock clock) {
        this.board = board;
        this.sender = sender;
        this.audit = audit;
        this.clock = clock;
    }

    void act(Context ctx) throws IOException, InterruptedException {
        Session session = Access.clinicianSession(ctx);
        String patientId = Pages.knownPatient(ctx, board);
        String alertId = ctx.pathParam("alertId");
        PatientStatus status = board.status(patientId).orElseThrow();
        if (status.openAlerts().stream().noneMatch(a -> a.alert().alertId().equals(alertId))) {
            throw new NotFoundResponse("no such open alert");
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("the body must be a JSON object");
        }
        if (body == null || !body.isObject()) {
            throw new BadRequestResponse("the body must be a JSON object");
        }
        AlertAction.Kind kind;
        try {
            kind = AlertAction.Kind.valueOf(body.path("action").asText(""));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("action must be ACKNOWLEDGE, SNOOZE or RESOLVE");
        }
        String note = body.path("note").asText("").strip();
        if (note.length() > AuditTrail.MAX_NOTE_LENGTH) {
            throw new BadRequestResponse(
                    "the note is limited to " + AuditTrail.MAX_NOTE_LENGTH + " characters");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime until = kind == AlertAction.Kind.SNOOZE ? until(body) : null;
        AlertAction action =
                new AlertAction(1, patientId, alertId, kind, until, session.clinicianId, now);
        sender.send(action);
        audit.record(action, note);
        // Ids and the action only: the note is free text and stays in the audit file.
        LOG.info("{} {} alert {} of {}", session.clinicianId, kind, alertId, patientId);
        ctx.status(HttpStatus.ACCEPTED).json(Map.of("sent", true));
    }

    /**
     * Snoozes are judged by the job on its event-time clock, so the limit is counted from the
     * newest status time, not from the wall clock.
     */
    private OffsetDateTime until(JsonNode body) {
        OffsetDateTime until;
        try {
            until = OffsetDateTime.parse(body.path("until").asText(""));
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse(
                    "until must be a time with offset, e.g. 2026-03-01T08:00:00Z");
        }
        OffsetDateTime jobNow = board.clock().orElse(OffsetDateTime.now(clock));
        if (!until.isAfter(jobNow) || until.isAfter(jobNow.plus(MAX_SNOOZE))) {
            throw new BadRequestResponse("until must be within 90 days after " + Json.time(jobNow));
        }
        return until;
    }
}
