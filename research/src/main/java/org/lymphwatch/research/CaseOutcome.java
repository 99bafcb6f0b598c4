package org.lymphwatch.research;

/**
 * How one counted {@link Target} fared.
 *
 * @param delayDays first detecting opening minus the reference, in days; null when not detected
 *     within the horizon
 */
public record CaseOutcome(Target target, Double delayDays) {

    public boolean detected() {
        return delayDays != null;
    }
}
