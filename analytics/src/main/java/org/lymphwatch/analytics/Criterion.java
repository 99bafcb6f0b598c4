package org.lymphwatch.analytics;

/** A criterion an evaluation meets: which metric, its value, the threshold. */
record Criterion(String metric, double value, double threshold) {
    String text() {
        return AlertMessages.criterion(metric, value, threshold);
    }
}
