package org.lymphwatch.analytics;

/**
 * One alert type's rule: when its episodes open, escalate and resolve. {@link AlertRules} applies
 * every rule to each reading in event-time order, in a fixed order, through one {@link RuleStep}
 * that holds what the rules share (the open episodes, the evaluations, the trend) and records the
 * events. A rule keeps no state of its own between readings: everything it remembers lives in the
 * {@link AlertStateMachine}, so a late reading can re-run the rules from any earlier point.
 */
interface AlertRule {

    /** Before the reading is looked at: endings that follow from time having passed. */
    default void elapse(RuleStep s) {}

    /** The reading {@link RuleStep#p} (any kind; the rule picks what concerns it). */
    void apply(RuleStep s);
}
