package dev.gridservices.telemetry.service;

import java.util.List;

/** A report broke at least one rule; nothing of it was produced. */
public class ReportRejectedException extends RuntimeException {

    private final List<Violation> violations;
    private final int count;

    public ReportRejectedException(List<Violation> violations, int count) {
        super(summary(violations, count), null, false, false);
        this.violations = violations;
        this.count = count;
    }

    public List<Violation> violations() {
        return violations;
    }

    public int count() {
        return count;
    }

    /** "Report validation failed: resources[3].…: STORAGE_CHARGE_LEVEL 150 is above 100 (and 2 more)". */
    private static String summary(List<Violation> violations, int count) {
        Violation first = violations.get(0);
        return "Report validation failed: " + first.field() + ": " + first.message()
                + (count > 1 ? " (and " + (count - 1) + " more)" : "");
    }
}
