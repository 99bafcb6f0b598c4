package org.lymphwatch.research;

import java.util.ArrayList;
import java.util.List;

/**
 * Detection delays in days, sorted: quartiles by linear interpolation between order statistics (NaN
 * when empty) and a histogram in bins of {@link #BIN_DAYS} days.
 */
public record Delays(List<Double> days) {

    public static final int BIN_DAYS = 14;

    public Delays {
        List<Double> sorted = new ArrayList<>(days);
        sorted.sort(Double::compare);
        days = List.copyOf(sorted);
    }

    public double quantile(double q) {
        if (days.isEmpty()) {
            return Double.NaN;
        }
        double pos = q * (days.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return days.get(lo) + (pos - lo) * (days.get(hi) - days.get(lo));
    }

    public double median() {
        return quantile(0.5);
    }

    /** Counts per bin [start, start + BIN_DAYS), from the bin holding the smallest delay on. */
    public List<Bin> histogram() {
        List<Bin> bins = new ArrayList<>();
        if (days.isEmpty()) {
            return bins;
        }
        int first = binStart(days.get(0));
        int last = binStart(days.get(days.size() - 1));
        for (int start = first; start <= last; start += BIN_DAYS) {
            bins.add(new Bin(start, 0));
        }
        for (double d : days) {
            int i = (binStart(d) - first) / BIN_DAYS;
            bins.set(i, new Bin(bins.get(i).startDay(), bins.get(i).count() + 1));
        }
        return bins;
    }

    private static int binStart(double d) {
        return (int) Math.floor(d / BIN_DAYS) * BIN_DAYS;
    }

    public record Bin(int startDay, int count) {}
}
