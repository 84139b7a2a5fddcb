package dev.gridservices.telemetry.service;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.telemetry.config.TelemetryConfig;
import dev.gridservices.telemetry.mapping.ReportJson;
import dev.gridservices.telemetry.messaging.ReadModelCatchUp;
import dev.gridservices.telemetry.messaging.ReadingPublisher;
import dev.gridservices.telemetry.repository.ReportRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The ingest path shared by REST and MQTT: rate limit, stream-parse, validate, produce every reading to
 * {@code telemetry.raw} and wait for all acks, then store the report. Batch semantics (the same for both
 * transports): a report is accepted whole or refused whole; one violation anywhere refuses every reading
 * in it, with every violation listed, so a client never has to work out which half landed.
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class);
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The stored report (JSON as the API shows it) and how many readings went out. */
    public record Accepted(String reportId, byte[] json, int readings) {
    }

    /** A report as parsed and its validation outcome. */
    private record Checked(ParsedReport report, ReportValidator.Result result) {
    }

    // Violations that depend on the read models rather than on the report itself.
    private static final Set<String> LOOKUP_RULES = Set.of("unknown-resource", "event");

    private final ReportValidator validator;
    private final ReadingPublisher publisher;
    private final ReportRepository reports;
    private final RateLimiter limiter;
    private final IngestMetrics metrics;
    private final IngestLoad load;
    private final TelemetryConfig.Ingest config;
    private final Clock clock;
    private final ReadModelCatchUp catchUp;

    public ReportService(ReportValidator validator, ReadingPublisher publisher, ReportRepository reports,
                         RateLimiter limiter, IngestMetrics metrics, IngestLoad load, TelemetryConfig config,
                         Clock clock, ReadModelCatchUp catchUp) {
        this.validator = validator;
        this.publisher = publisher;
        this.reports = reports;
        this.limiter = limiter;
        this.metrics = metrics;
        this.load = load;
        this.config = config.ingest();
        this.clock = clock;
        this.catchUp = catchUp;
    }

    /**
     * Sends the readings, inserts the report row (uncommitted) and builds the answer while the acks travel,
     * then commits only once every reading was acknowledged: a 201 still means durable, and the database
     * round trip no longer adds to the request's latency.
     */
    public Accepted create(ReportValidator.Sender sender, String clientId, byte[] body, String transport) {
        try (IngestLoad.Request counted = load.enter()) {
            return accept(sender, clientId, body, transport);
        }
    }

    private Accepted accept(ReportValidator.Sender sender, String clientId, byte[] body, String transport) {
        Checked checked = validated(sender, body, transport);
        ReportValidator.Result result = checked.result();
        String id = newId();
        // Milliseconds: what the stored row shows, so that the 201 and a later GET agree.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ReadingPublisher.Pending sent = send(result, id, now);
        try (ReportRepository.PendingInsert row = store(() -> reports.begin(row(id, sender, clientId, result, now), body))) {
            byte[] json = ReportJson.withMetadata(body, checked.report().members, id, now, now, clientId);
            await(sent, result);
            store(() -> {
                row.commit();
                return null;
            });
            metrics.accepted(transport, result.readings().size());
            return new Accepted(id, json, result.readings().size());
        }
    }

    /** PUT: the new body is validated and its readings produced like a new report's (history merges them). */
    public Optional<String> replace(String id, ReportValidator.Sender sender, String clientId, byte[] body) {
        try (IngestLoad.Request counted = load.enter()) {
            return replaceCounted(id, sender, clientId, body);
        }
    }

    private Optional<String> replaceCounted(String id, ReportValidator.Sender sender, String clientId, byte[] body) {
        ReportRepository.Visibility owner = new ReportRepository.Visibility(sender.venId(), null);
        if (store(() -> reports.find(id, owner)).isEmpty()) {
            return Optional.empty();
        }
        ReportValidator.Result result = validated(sender, body, "rest").result();
        Instant now = clock.instant();
        publish(result, id, now);
        Optional<String> json = store(() -> reports.update(id, owner, row(id, sender, clientId, result, now), body));
        metrics.accepted("rest", result.readings().size());
        return json;
    }

    /** Validates a report built from another shape (core API /v1 telemetry) and produces its readings. */
    public int ingestParsed(ReportValidator.Sender sender, ParsedReport report, String transport) {
        try (IngestLoad.Request counted = load.enter()) {
            return ingestCounted(sender, report, transport);
        }
    }

    private int ingestCounted(ReportValidator.Sender sender, ParsedReport report, String transport) {
        limiter.acquireAccount(account(sender));
        ReportValidator.Result result = validate(report, List.of(), sender);
        rejectIfInvalid(result, report, transport);
        limiter.acquireDevices(deviceIds(result));
        publish(result, "v1_" + newId().substring(4), clock.instant());
        metrics.accepted(transport, result.readings().size());
        return result.readings().size();
    }

    private Checked validated(ReportValidator.Sender sender, byte[] body, String transport) {
        limiter.acquireAccount(account(sender));
        List<Violation> parseViolations = new ArrayList<>();
        ParsedReport report;
        try {
            report = ReportParser.parse(body, parseViolations);
        } catch (ReportParser.MalformedReportException e) {
            metrics.rejected(transport, "malformed", 0);
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, e.getMessage());
        }
        ReportValidator.Result result = validate(report, parseViolations, sender);
        rejectIfInvalid(result, report, transport);
        limiter.acquireDevices(deviceIds(result));
        return new Checked(report, result);
    }

    /**
     * Validates; a report naming a resource or event the read models do not know is validated once more after
     * they have applied what is on their topics now (it may have been created a moment ago), or answered 503
     * if they cannot catch up in time.
     */
    private ReportValidator.Result validate(ParsedReport report, List<Violation> parseViolations,
                                            ReportValidator.Sender sender) {
        ReportValidator.Result result = validator.validate(report, parseViolations, sender);
        if (result.violations().stream().noneMatch(v -> LOOKUP_RULES.contains(v.rule()))) {
            return result;
        }
        if (!catchUp.awaitCurrent()) {
            throw catchUp.behind();
        }
        return validator.validate(report, parseViolations, sender);
    }

    private void rejectIfInvalid(ReportValidator.Result result, ParsedReport report, String transport) {
        if (!result.violations().isEmpty()) {
            metrics.rejected(transport, result.violations().get(0).rule(), report.readingCount);
            throw new ReportRejectedException(result.violations(), result.violationCount());
        }
    }

    private void publish(ReportValidator.Result result, String reportId, Instant now) {
        await(send(result, reportId, now), result);
    }

    private ReadingPublisher.Pending send(ReportValidator.Result result, String reportId, Instant now) {
        return publisher.send(result.readings(), reportId, result.eventId(), result.programId(), now, config.ackDeadline());
    }

    private void await(ReadingPublisher.Pending sent, ReportValidator.Result result) {
        try {
            sent.await();
        } catch (ReadingPublisher.BrokerUnavailableException e) {
            metrics.rejected("any", "broker-unavailable", result.readings().size());
            throw unavailable("Telemetry could not be stored durably right now; nothing of this report was accepted");
        }
    }

    private <T> T store(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (IllegalStateException e) {
            LOG.error("report store failed", e);
            throw unavailable("Reports cannot be stored right now");
        }
    }

    private ProblemException unavailable(String detail) {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, detail, null,
                Map.of("Retry-After", String.valueOf(config.retryAfterSeconds())));
    }

    /** The integration account a request counts against: its organization, or (MQTT, VEN not yet announced) its VEN. */
    private static String account(ReportValidator.Sender sender) {
        return sender.organizationId() != null ? sender.organizationId() : "ven:" + sender.venId();
    }

    private static Set<String> deviceIds(ReportValidator.Result result) {
        Set<String> ids = new LinkedHashSet<>();
        result.readings().forEach(r -> ids.add(r.deviceId()));
        return ids;
    }

    private static ReportRepository.Row row(String id, ReportValidator.Sender sender, String clientId,
                                            ReportValidator.Result result, Instant now) {
        // An MQTT sender's organization is known from its resources when its VEN was not announced (yet).
        String organizationId = sender.organizationId() != null ? sender.organizationId()
                : result.readings().get(0).organizationId();
        return new ReportRepository.Row(id, organizationId, sender.venId(), clientId,
                result.clientName(), result.eventId(), result.programId(), result.utilityOrganizationId(), now);
    }

    private static String newId() {
        char[] id = new char[20];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "rpt_" + new String(id);
    }
}
