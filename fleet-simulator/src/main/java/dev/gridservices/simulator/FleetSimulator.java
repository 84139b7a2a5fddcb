package dev.gridservices.simulator;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fleet simulator CLI: provisions an OEM VEN's fleet through the public Direct API, then pushes
 * telemetry at a steady rate (readings per second, grouped into reports of {@code --batch} resources),
 * printing progress every 5 seconds and a summary at the end. JDK only; see {@link Options#USAGE}.
 */
public final class FleetSimulator {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*/errors/([^\"]+)\"");
    private static final Pattern RULE = Pattern.compile("\"message\"\\s*:\\s*\"([^\"]+)\"");

    /** Tries of one device-management call that keeps getting 429. */
    private static final int MAX_ATTEMPTS = 10;

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    FleetSimulator(Options options) {
        this.options = options;
        this.token = options.token();
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fleet-simulator: " + e.getMessage() + "\n\n" + Options.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(Options.USAGE);
            return;
        }
        System.exit(new FleetSimulator(options).run() ? 0 : 1);
    }

    boolean run() throws Exception {
        if (token == null) {
            token = fetchToken();
        }
        String venId = options.venId() != null ? options.venId() : claim(token, "ven_id");
        if (options.createVen()) {
            venId = createVen();
            System.out.println("created VEN " + venId);
        }
        if (venId == null) {
            throw new IllegalStateException("no VEN: the token has no ven_id; give --ven-id or --create-ven");
        }
        List<Device> fleet = new ArrayList<>(options.devices());
        for (int i = 0; i < options.devices(); i++) {
            fleet.add(new Device(options.prefix() + "-" + i, Device.TYPES[i % Device.TYPES.length], i));
        }
        if (options.provision()) {
            provision(venId, fleet);
        }
        if (options.enrollProgram() != null && enroll(venId, fleet, options.enrollProgram()) < fleet.size()) {
            return false;
        }
        if (!options.answerEvents()) {
            return push(venId, fleet);
        }
        boolean pushed;
        EventAnswerer answerer = new EventAnswerer(options, http, token, venId, fleet);
        try (answerer) {
            answerer.start();
            pushed = push(venId, fleet);
        }
        System.out.print(answerer.summary());
        return pushed && answerer.reportsRefused.get() == 0;
    }

    /**
     * POST /v2/vens; the answer is an OpenADR ven object, whose id is {@code id} ({@code venID} is only on
     * resources). venName is unique per organization: on a re-run (409) the VEN of that name is reused.
     */
    String createVen() throws Exception {
        String venName = options.prefix() + "-ven";
        HttpResponse<String> created = exchange("POST", "/v2/vens", "{\"objectType\":\"VEN_VEN_REQUEST\",\"venName\":\""
                + venName + "\"}");
        if (created.statusCode() == 409) {
            return match(ID, send("GET", "/v2/vens?venName=" + URLEncoder.encode(venName, StandardCharsets.UTF_8), null)
                    .body(), "id");
        }
        return match(ID, checked("POST", "/v2/vens", created).body(), "id");
    }

    /**
     * One site and one resource per device. A resource the VEN already has (an earlier run with the same
     * prefix) is left as it is: device-service is idempotent by resourceName only for identical
     * attributes, and a new site would make them differ (409).
     */
    void provision(String venId, List<Device> fleet) throws Exception {
        long started = System.nanoTime();
        int existing = 0;
        for (Device device : fleet) {
            String query = "/v2/resources?venID=" + URLEncoder.encode(venId, StandardCharsets.UTF_8) + "&resourceName="
                    + URLEncoder.encode(device.resourceName, StandardCharsets.UTF_8);
            if (ID.matcher(send("GET", query, null).body()).find()) {
                existing++;
                continue;
            }
            String site = match(ID, send("POST", "/v2/x-texture/sites", "{\"name\":\"" + device.resourceName
                    + " site\",\"address\":{\"street\":\"1 Main St\",\"city\":\"Denver\",\"state\":\"CO\","
                    + "\"zip\":\"80202\"}}").body(), "id");
            send("POST", "/v2/resources", "{\"objectType\":\"VEN_RESOURCE_REQUEST\",\"resourceName\":\""
                    + device.resourceName + "\",\"venID\":\"" + venId + "\",\"attributes\":["
                    + device.attributes(site) + "]}");
        }
        System.out.printf("provisioned %d sites and resources for VEN %s (%d existed already) in %.1f s%n",
                fleet.size() - existing, venId, existing, (System.nanoTime() - started) / 1e9);
    }

    private static final Pattern SITE_ATTRIBUTE =
            Pattern.compile("\"x-static:SITE_ID\"\\s*,\\s*\"values\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");
    private static final int ENROLL_ATTEMPTS = 30;

    /**
     * Enrolls every device of the fleet, with the customer's consent (given a minute ago, in the app), into
     * {@code programId}: the OEM side of the README's walkthrough for N devices. enrollment-service learns of new
     * resources and sites from devices.changed, so a 404 right after provisioning is retried for a while. Returns
     * how many devices are enrolled (201 new, 200 already); a refusal is printed with its reason.
     */
    int enroll(String venId, List<Device> fleet, String programId) throws Exception {
        long started = System.nanoTime();
        int enrolled = 0;
        for (Device device : fleet) {
            String resource = send("GET", "/v2/resources?venID=" + URLEncoder.encode(venId, StandardCharsets.UTF_8)
                    + "&resourceName=" + URLEncoder.encode(device.resourceName, StandardCharsets.UTF_8), null).body();
            String body = "{\"resourceID\":\"" + match(ID, resource, "id") + "\",\"siteID\":\""
                    + match(SITE_ATTRIBUTE, resource, "x-static:SITE_ID") + "\",\"programID\":\"" + programId
                    + "\",\"consent\":{\"optIn\":true,\"timestamp\":\"" + Instant.now().minusSeconds(60)
                    + "\",\"source\":\"device_app\",\"termsVersion\":\"fleet-simulator\","
                    + "\"scope\":[\"demand_response\"]}}";
            HttpResponse<String> answer = exchange("POST", "/v2/x-texture/enrollments", body);
            for (int attempt = 1; answer.statusCode() == 404 && attempt < ENROLL_ATTEMPTS; attempt++) {
                TimeUnit.SECONDS.sleep(1);
                answer = exchange("POST", "/v2/x-texture/enrollments", body);
            }
            if (answer.statusCode() == 200 || answer.statusCode() == 201) {
                enrolled++;
            } else {
                System.out.printf("enrollment of %s refused: %s%n", device.resourceName, reason(answer));
            }
        }
        System.out.printf("enrolled %d of %d devices in program %s in %.1f s%n", enrolled, fleet.size(), programId,
                (System.nanoTime() - started) / 1e9);
        return enrolled;
    }

    /** Sends {@code rate} readings a second: each second's share of the fleet, in reports of {@code batch}. */
    private boolean push(String venId, List<Device> fleet) throws Exception {
        Stats stats = new Stats();
        int threads = Math.max(2, Math.min(16, options.rate() / Math.max(1, options.batch()) * 2));
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        // At most two reports waiting per sender: when the service is slower than --rate, the loop waits
        // (the summary then shows the rate achieved) instead of queueing reports until the heap is full.
        Semaphore pending = new Semaphore(threads * 2);
        ThreadLocal<MqttSession> mqtt = new ThreadLocal<>();
        List<MqttSession> connections = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        long nextProgress = start + 5_000_000_000L;
        int cursor = 0;
        for (long tick = 0; System.nanoTime() < end; tick++) {
            long tickStart = start + tick * 1_000_000_000L;
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            int remaining = options.rate();
            while (remaining > 0) {
                int size = Math.min(Math.min(options.batch(), remaining), fleet.size());
                List<Device> group = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    group.add(fleet.get(cursor));
                    cursor = (cursor + 1) % fleet.size();
                }
                remaining -= size;
                String body = report(venId, group, at);
                pending.acquire();
                senders.submit(() -> {
                    try {
                        send(venId, body, group.size(), stats, mqtt, connections);
                    } finally {
                        pending.release();
                    }
                });
            }
            long now = System.nanoTime();
            if (now >= nextProgress) {
                System.out.println(stats.progress((now - start) / 1e9));
                nextProgress += 5_000_000_000L;
            }
            long sleep = tickStart + 1_000_000_000L - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
        for (MqttSession c : connections) {
            c.close();
        }
        System.out.println("--- summary (" + options.transport() + ", " + fleet.size() + " devices, batches of "
                + options.batch() + ") ---");
        System.out.print(stats.summary((System.nanoTime() - start) / 1e9));
        return stats.acknowledged.get() == stats.sent.get();
    }

    private void send(String venId, String body, int readings, Stats stats, ThreadLocal<MqttSession> mqtt,
                      List<MqttSession> connections) {
        long t = System.nanoTime();
        try {
            if (options.transport().equals("mqtt")) {
                MqttSession publisher = mqtt.get();
                if (publisher == null) {
                    // One connection per sender thread, each under the VEN's id with its own suffix.
                    publisher = new MqttSession(options.mqttHost(), options.mqttPort(),
                            venId + ":sim-" + java.util.UUID.randomUUID().toString().substring(0, 8), token, true);
                    mqtt.set(publisher);
                    connections.add(publisher);
                }
                // QoS 1: acknowledged by the broker; validation results arrive on …/reports/errors.
                publisher.publish("texture/v2/" + venId + "/reports", body.getBytes(StandardCharsets.UTF_8));
                stats.request(readings, System.nanoTime() - t, null);
                return;
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(options.baseUrl().resolve("/v2/reports"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            stats.request(readings, System.nanoTime() - t, response.statusCode() == 201 ? null : reason(response));
        } catch (IOException | InterruptedException e) {
            stats.request(readings, System.nanoTime() - t, "transport: " + e.getClass().getSimpleName());
        }
    }

    private static String reason(HttpResponse<String> response) {
        Matcher type = TYPE.matcher(response.body());
        Matcher message = RULE.matcher(response.body());
        return response.statusCode() + " " + (type.find() ? type.group(1) : "")
                + (message.find() ? " (" + message.group(1).replaceAll("\\d+(\\.\\d+)?", "N") + ")" : "");
    }

    static String report(String venId, List<Device> devices, Instant at) {
        StringBuilder body = new StringBuilder(devices.size() * 300);
        body.append("{\"eventID\":null,\"clientName\":\"").append(venId).append("\",\"reportName\":\"sim_")
                .append(at.toEpochMilli()).append("\",\"resources\":[");
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"resourceName\":\"").append(d.resourceName).append("\",\"intervalPeriod\":{\"start\":\"")
                    .append(at).append("\",\"duration\":\"PT0S\"},\"intervals\":[{\"id\":0,\"payloads\":[")
                    .append(d.payloads()).append("]}]}");
        }
        return body.append("]}").toString();
    }

    private String fetchToken() throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(options.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(String.valueOf(options.clientSecret()), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("write_reports write_vens read_ven_objects"
                        + (options.answerEvents() ? " read_events write_subscriptions" : ""), StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(options.baseUrl().resolve("/v2/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request answered " + response.statusCode() + ": " + response.body());
        }
        return match(ACCESS_TOKEN, response.body(), "access_token");
    }

    /** A device-management call that must answer 200 or 201; anything else ends the run. */
    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        return checked(method, path, exchange(method, path, json));
    }

    private static HttpResponse<String> checked(String method, String path, HttpResponse<String> response) {
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    /**
     * One device-management call. device-service limits those per organization (500 a minute): a 429 is
     * waited out for its Retry-After and sent again, up to {@value #MAX_ATTEMPTS} tries.
     */
    private HttpResponse<String> exchange(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(options.baseUrl().resolve(path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return sendRetrying(http, request.build(), Set.of(429), MAX_ATTEMPTS);
    }

    /** Sends {@code request}; an answer in {@code retried} is waited out for its Retry-After and sent again. */
    static HttpResponse<String> sendRetrying(HttpClient http, HttpRequest request, Set<Integer> retried, int attempts)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (!retried.contains(response.statusCode()) || attempt >= attempts) {
                return response;
            }
            TimeUnit.SECONDS.sleep(retryAfter(response));
        }
    }

    /** Retry-After in seconds (1..60; 1 when absent or not a number of seconds). */
    static long retryAfter(HttpResponse<String> response) {
        try {
            return Math.max(1, Math.min(60, Long.parseLong(response.headers().firstValue("Retry-After").orElse("1").trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** A claim of the (unverified) JWT: the simulator only needs to know which VEN its token speaks for. */
    static String claim(String jwt, String name) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        return m.find() ? m.group(1) : null;
    }

    private static String match(Pattern pattern, String body, String what) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + what + " in " + body);
        }
        return m.group(1);
    }
}
