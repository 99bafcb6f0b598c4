package org.lymphwatch.analytics;

import java.util.ArrayList;
import java.util.List;
import org.lymphwatch.model.AlertState;
import org.lymphwatch.model.AlertType;
import org.lymphwatch.model.Patient;
import org.lymphwatch.model.Reading;

/**
 * Runs one {@link AlertRule} alone over readings given in event-time order, as {@link AlertRules}
 * runs it among the others: each reading is inserted in a {@link Timeline} and the rule sees it
 * through a {@link RuleStep} with the machine the previous step left.
 */
final class RuleBench {

    private final Profile profile;
    private final Thresholds t;
    private final AlertRule rule;
    private final Timeline timeline = new Timeline();
    private AlertStateMachine machine = AlertStateMachine.EMPTY;

    RuleBench(Patient patient, Thresholds t, AlertRule rule) {
        this.profile = Profile.of(patient);
        this.t = t;
        this.rule = rule;
    }

    /** The rule made for patient p-1 of {@link Cases}, with the default thresholds. */
    static RuleBench of(java.util.function.Function<Profile, AlertRule> rule) {
        Patient p = Cases.patient("p-1");
        return new RuleBench(p, Thresholds.DEFAULT, rule.apply(Profile.of(p)));
    }

    /**
     * @return the events the rule decided, in order
     */
    List<EpisodeEvent> feed(List<Reading> readings) {
        List<EpisodeEvent> events = new ArrayList<>();
        for (Reading r : readings) {
            timeline.insert(Point.of(r), t);
            RuleStep s =
                    new RuleStep(
                            profile,
                            t,
                            timeline,
                            AlertRules.volumeWindowMs(t),
                            machine,
                            timeline.size() - 1);
            rule.elapse(s);
            rule.apply(s);
            AlertRules.Step step = s.result(machine);
            machine = step.after();
            events.addAll(step.events());
        }
        return events;
    }

    /** "TYPE STATE level day", e.g. "LYMPHEDEMA OPENED 1 d120", for readable expectations. */
    static List<String> summary(List<EpisodeEvent> events) {
        return events.stream()
                .map(
                        e ->
                                e.type()
                                        + " "
                                        + e.state()
                                        + " "
                                        + e.level()
                                        + " d"
                                        + Cases.dayOf(
                                                java.time.Instant.ofEpochMilli(e.atMs())
                                                        .atOffset(Cases.CET)))
                .toList();
    }

    static List<EpisodeEvent> of(List<EpisodeEvent> events, AlertType type, AlertState state) {
        return events.stream().filter(e -> e.type() == type && e.state() == state).toList();
    }
}
