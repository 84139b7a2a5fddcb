package dev.gridservices.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options; {@link #USAGE} is what --help prints. */
record Options(URI baseUrl, String token, String clientId, String clientSecret, String venId, boolean createVen,
               int devices, int rate, Duration duration, int batch, String transport, String mqttHost, int mqttPort,
               boolean provision, String prefix, boolean answerEvents, String eventsVia, int webhookPort,
               String webhookUrl, Duration completeAfter, String enrollProgram) {

    static final String USAGE = """
            Usage: java -jar fleet-simulator.jar [options]

            Provisions an OEM fleet through the Direct API (/v2/vens, /v2/x-texture/sites, /v2/resources), then
            pushes realistic telemetry (POST /v2/reports batches, or MQTT texture/v2/{venID}/reports) at a rate for
            a duration. Prints progress every 5 s and a summary at the end.

              --base-url URL         gateway or service base URL (default http://localhost:8080)
              --token JWT            a VEN client's access token (or use --client-id/--client-secret)
              --client-id ID         OAuth client; the token is fetched from {base-url}/v2/auth/token
              --client-secret S
              --ven-id ID            the VEN the client is bound to (default: the token's ven_id claim)
              --create-ven           create a VEN first (POST /v2/vens) for a client bound to none
              --devices N            resources to provision, device types mixed (default 100)
              --no-provision         the fleet exists already (names {prefix}-0 … {prefix}-N-1)
              --prefix P             resource name prefix (default SIM)
              --rate R               readings per second to send (default 1000)
              --duration D           seconds to run (default 60)
              --batch B              resources per report (default 500, the spec's recommendation)
              --transport T          rest (default) or mqtt
              --mqtt-host H          (default localhost)   --mqtt-port P (default 1883)
              --enroll PROGRAM       enroll every resource with the customer's consent into the OpenADR program
                                     PROGRAM (POST /v2/x-texture/enrollments; an existing enrollment is kept)
              --answer-events        also act as the VEN for dispatch: receive event notifications and answer
                                     each CREATE/UPDATE with reports carrying its eventID (COMMAND_STATUS
                                     ACCEPTED, then COMPLETED), over REST, or MQTT with --transport mqtt
              --events-via V         mqtt (default: subscribe texture/v2/{venID}/events/#), webhook (a local
                                     receiver + POST /v2/subscriptions), or both
              --webhook-port P       the receiver's port (default: any free one)
              --webhook-url URL      callbackUrl to register (default http://localhost:{port}/events)
              --complete-after S     seconds between ACCEPTED and COMPLETED (default 2)
              --help                 this text
            """;

    static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            if (name.equals("help") || name.equals("create-ven") || name.equals("no-provision")
                    || name.equals("answer-events")) {
                values.put(name, "true");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        if (values.containsKey("help")) {
            return null;
        }
        for (String name : values.keySet()) {
            if (!USAGE.contains("--" + name + " ") && !USAGE.contains("--" + name + "\n")) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        String transport = values.getOrDefault("transport", "rest");
        if (!transport.equals("rest") && !transport.equals("mqtt")) {
            throw new IllegalArgumentException("--transport is rest or mqtt");
        }
        String eventsVia = values.getOrDefault("events-via", "mqtt");
        if (!eventsVia.equals("mqtt") && !eventsVia.equals("webhook") && !eventsVia.equals("both")) {
            throw new IllegalArgumentException("--events-via is mqtt, webhook or both");
        }
        if (!values.containsKey("token") && !values.containsKey("client-id")) {
            throw new IllegalArgumentException("give --token or --client-id and --client-secret");
        }
        return new Options(URI.create(values.getOrDefault("base-url", "http://localhost:8080")), values.get("token"),
                values.get("client-id"), values.get("client-secret"), values.get("ven-id"),
                values.containsKey("create-ven"), positive(values, "devices", 100), positive(values, "rate", 1000),
                Duration.ofSeconds(positive(values, "duration", 60)), positive(values, "batch", 500), transport,
                values.getOrDefault("mqtt-host", "localhost"), positive(values, "mqtt-port", 1883),
                !values.containsKey("no-provision"), values.getOrDefault("prefix", "SIM"),
                values.containsKey("answer-events"), eventsVia, values.containsKey("webhook-port")
                ? positive(values, "webhook-port", 0) : 0, values.get("webhook-url"),
                Duration.ofSeconds(nonNegative(values, "complete-after", 2)), values.get("enroll"));
    }

    private static int nonNegative(Map<String, String> values, String name, int fallback) {
        return "0".equals(values.get(name)) ? 0 : positive(values, name, fallback);
    }

    private static int positive(Map<String, String> values, String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive integer");
    }
}
