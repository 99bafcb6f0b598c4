package org.lymphwatch.jobs;

/**
 * What became of one message or decision, for the {@code pipeline} measurement: ACCEPTED, REJECTED
 * (reason = reject reason), DUPLICATE, SKIPPED (reason = why the monitor did not analyse it), ALERT
 * (reason = alert type of an opened alert), ACTION (reason = the clinician's action).
 */
public record Outcome(String outcome, String reason) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String SKIPPED = "SKIPPED";
    public static final String ALERT = "ALERT";
    public static final String ACTION = "ACTION";

    /** How many of one outcome a task saw since it last said (see {@link OutcomeTally}). */
    public record Count(String outcome, String reason, long count) {

        public String key() {
            return outcome + "/" + reason;
        }
    }
}
