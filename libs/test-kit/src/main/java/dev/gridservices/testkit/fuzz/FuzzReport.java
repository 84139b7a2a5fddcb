package dev.gridservices.testkit.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a fuzz run sent and got: counts per status, and every request answered with a 5xx. */
public final class FuzzReport {

    private static final int SHOWN = 25;

    private final long seed;
    private final int operations;
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Map<String, Integer> requestsPerOperation = new TreeMap<>();
    private final List<String> serverErrors = new ArrayList<>();
    private final List<String> connectionErrors = new ArrayList<>();
    private final Map<String, String> validAnswers = new TreeMap<>();
    private int requests;
    private boolean serverAlive = true;

    FuzzReport(long seed, int operations) {
        this.seed = seed;
        this.operations = operations;
    }

    void record(ApiFuzzer.FuzzRequest request, ApiFuzzer.FuzzResponse response) {
        requests++;
        statuses.merge(response.status(), 1, Integer::sum);
        requestsPerOperation.merge(request.operation(), 1, Integer::sum);
        if (request.what().startsWith("valid ")) {
            validAnswers.put(request.operation(), response.status() + (response.status() >= 400
                    ? " " + ApiFuzzer.abbreviate(response.body()) : ""));
        }
        if (response.status() >= 500) {
            serverErrors.add(request.describe() + "\n      -> " + response.status() + " " + response.contentType()
                    + " " + ApiFuzzer.abbreviate(response.body()));
        } else if (response.status() < 0) {
            connectionErrors.add(request.describe() + "\n      -> " + response.error());
        }
    }

    void serverAlive(boolean alive) {
        this.serverAlive = alive;
    }

    /** Operations found in the OpenAPI document (body operations, and GETs with query parameters). */
    public int operations() {
        return operations;
    }

    public int requests() {
        return requests;
    }

    /** How many requests got each status; -1 counts requests the server closed the connection on. */
    public Map<Integer, Integer> statuses() {
        return Map.copyOf(statuses);
    }

    public Map<String, Integer> requestsPerOperation() {
        return Map.copyOf(requestsPerOperation);
    }

    public List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    /**
     * What each operation answered to its valid request: a 4xx there means the generated body did not
     * pass the service's own rules (give its schema an example), so the mutations reach less code.
     */
    public Map<String, String> validAnswers() {
        return Map.copyOf(validAnswers);
    }

    public String summary() {
        return "ApiFuzzer: seed " + seed + ", " + operations + " operations, " + requests + " requests, statuses "
                + statuses + (connectionErrors.isEmpty() ? "" : ", " + connectionErrors.size() + " connections closed")
                + validAnswers.entrySet().stream().map(e -> "\n  valid " + e.getKey() + " -> " + e.getValue())
                .collect(Collectors.joining());
    }

    /**
     * Fails on any 5xx, listing the offending requests (the first {@value #SHOWN}), and when the service
     * no longer answers its liveness probe after the run.
     */
    public FuzzReport assertNoServerErrors() {
        if (!serverErrors.isEmpty() || !serverAlive) {
            StringBuilder message = new StringBuilder(summary()).append('\n');
            if (!serverAlive) {
                message.append("The service no longer answers /q/health/live; requests the connection broke on:\n")
                        .append(connectionErrors.stream().limit(SHOWN).map(e -> "  " + e)
                                .collect(Collectors.joining("\n"))).append('\n');
            }
            message.append(serverErrors.size()).append(" requests got a 5xx (replay with -Dfuzz.seed=").append(seed)
                    .append("):\n");
            serverErrors.stream().limit(SHOWN).forEach(e -> message.append("  ").append(e).append('\n'));
            throw new AssertionError(message.toString());
        }
        return this;
    }

    /** Fails unless the run reached at least {@code count} operations, so that a broken document is noticed. */
    public FuzzReport assertOperationsAtLeast(int count) {
        if (operations < count) {
            throw new AssertionError("Expected at least " + count + " operations in the OpenAPI document, found "
                    + operations + ": " + requestsPerOperation.keySet());
        }
        return this;
    }
}
