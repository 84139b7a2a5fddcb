package dev.gridservices.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Fuzzes a running service through its own OpenAPI document ({@code /q/openapi?format=json}): for
 * every POST/PUT/PATCH operation it builds a valid body from the request schema, sends it, then sends
 * mutations of it (wrong types, nulls, NUL characters, odd Unicode, huge strings and arrays, deep
 * nesting, missing required and extra fields, wrong content types, malformed JSON, bad form
 * encoding); GET operations get bad query values. Any 5xx fails the run, listing every offending
 * request so that it can be replayed. Bounded and reproducible: at most {@link #maxRequests} requests,
 * chosen by a seeded {@link Random} (the seed is printed; {@code -Dfuzz.seed=} overrides it).
 * <pre>{@code
 * ApiFuzzer.forRunningService()
 *         .credentials(path -> path.startsWith("/v1") ? Map.of("Texture-Api-Key", key)
 *                                                     : Map.of("Authorization", "Bearer " + token))
 *         .pathParameter("organizationId", organizationId)
 *         .run()
 *         .assertNoServerErrors();
 * }</pre>
 */
public final class ApiFuzzer {

    static final String RAW = "@@fuzz-raw-";
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> BODY_METHODS = Set.of("post", "put", "patch");
    private static final String FORM = "application/x-www-form-urlencoded";

    private String baseUri;
    private long seed = Long.getLong("fuzz.seed", 20261201L);
    private int maxRequests = 300;
    private Function<String, Map<String, String>> credentials = path -> Map.of();
    private final Map<String, String> pathParameters = new HashMap<>();
    private Predicate<String> skip = operation -> false;
    private final Map<String, JsonNode> exampleBodies = new HashMap<>();

    private ApiFuzzer(String baseUri) {
        this.baseUri = baseUri;
    }

    /** Against the application a {@code @QuarkusTest} started (RestAssured's base URI and port). */
    public static ApiFuzzer forRunningService() {
        return new ApiFuzzer(RestAssured.baseURI + ":" + RestAssured.port);
    }

    public static ApiFuzzer forBaseUri(String baseUri) {
        return new ApiFuzzer(baseUri);
    }

    public ApiFuzzer seed(long seed) {
        this.seed = seed;
        return this;
    }

    public ApiFuzzer maxRequests(int maxRequests) {
        this.maxRequests = maxRequests;
        return this;
    }

    /** Headers (credentials) to send to a path, e.g. an API key under /v1 and a bearer token under /v2. */
    public ApiFuzzer credentials(Function<String, Map<String, String>> headersForPath) {
        this.credentials = headersForPath;
        return this;
    }

    /** The value of a path template's {@code {name}}; others get a fresh id that names nothing. */
    public ApiFuzzer pathParameter(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    /**
     * The valid body of an operation ({@code "POST /v1/things"}), instead of the one built from its schema,
     * for an operation whose rules a schema cannot tell (cross-field rules, ids that must exist): mutations
     * of a body that passes reach more code. Any Jackson-serializable value (a Map, a record).
     */
    public ApiFuzzer exampleBody(String operation, Object body) {
        exampleBodies.put(operation, JSON_MAPPER.valueToTree(body));
        return this;
    }

    /** Leaves out operations, named {@code "POST /v1/things/{id}"}. */
    public ApiFuzzer skip(Predicate<String> operation) {
        this.skip = operation;
        return this;
    }

    public FuzzReport run() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        JsonNode document = openApi(http);
        Random random = new Random(seed);
        SchemaValues values = new SchemaValues(document, random);
        List<Operation> operations = operations(document, values);
        List<FuzzRequest> requests = plan(operations, values, random);
        FuzzReport report = new FuzzReport(seed, operations.size());
        for (FuzzRequest request : requests) {
            report.record(request, send(http, request));
        }
        report.serverAlive(alive(http));
        System.out.println(report.summary());
        return report;
    }

    private JsonNode openApi(HttpClient http) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(baseUri + "/q/openapi?format=json")).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/q/openapi answered " + response.statusCode());
            }
            return JSON_MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the OpenAPI document at " + baseUri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One operation of the document: a body operation (with its media type and schema) or a GET with queries. */
    record Operation(String method, String template, String mediaType, JsonNode schema, List<String> queryNames) {

        String name() {
            return method.toUpperCase() + " " + template;
        }

        boolean hasBody() {
            return mediaType != null;
        }
    }

    private List<Operation> operations(JsonNode document, SchemaValues values) {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").properties().iterator();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().properties().iterator();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                String verb = method.getKey();
                JsonNode operation = method.getValue();
                if (skip.test(verb.toUpperCase() + " " + path.getKey())) {
                    continue;
                }
                List<String> queries = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    JsonNode resolved = values.resolve(parameter);
                    if ("query".equals(resolved.path("in").asText())) {
                        queries.add(resolved.path("name").asText());
                    }
                }
                if (BODY_METHODS.contains(verb)) {
                    JsonNode content = values.resolve(operation.path("requestBody")).path("content");
                    String mediaType = content.has("application/json") ? "application/json"
                            : content.has(FORM) ? FORM
                            : content.fieldNames().hasNext() ? content.fieldNames().next() : "application/json";
                    JsonNode schema = content.path(mediaType).path("schema");
                    operations.add(new Operation(verb, path.getKey(), mediaType,
                            schema.isMissingNode() ? JSON.objectNode() : schema, queries));
                } else if (verb.equals("get") && !queries.isEmpty()) {
                    operations.add(new Operation(verb, path.getKey(), null, null, queries));
                }
            }
        }
        return operations;
    }

    /** Spreads the budget over the operations: each gets its valid request first, then mutations in turn. */
    private List<FuzzRequest> plan(List<Operation> operations, SchemaValues values, Random random) {
        List<List<FuzzRequest>> perOperation = new ArrayList<>();
        for (Operation operation : operations) {
            String path = path(operation.template());
            Map<String, String> headers = credentials.apply(path);
            Mutations mutations = new Mutations(operation, path, headers, values, random,
                    exampleBodies.get(operation.name()));
            perOperation.add(mutations.all());
        }
        List<FuzzRequest> plan = new ArrayList<>();
        for (int round = 0; plan.size() < maxRequests; round++) {
            boolean any = false;
            for (List<FuzzRequest> requests : perOperation) {
                if (round < requests.size() && plan.size() < maxRequests) {
                    plan.add(requests.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return plan;
    }

    private String path(String template) {
        StringBuilder path = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                path.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            path.append(template, i, open);
            String name = template.substring(open + 1, close);
            path.append(URLEncoder.encode(pathParameters.getOrDefault(name, UUID.randomUUID().toString()),
                    StandardCharsets.UTF_8));
            i = close + 1;
        }
        return path.toString();
    }

    private boolean alive(HttpClient http) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUri + "/q/health/live"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private FuzzResponse send(HttpClient http, FuzzRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUri + request.pathAndQuery()))
                .timeout(Duration.ofSeconds(30));
        request.headers().forEach(builder::header);
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        HttpRequest built = builder.build();
        IOException failure = null;
        // A server closes the connection after refusing a large body, and a pooled connection may be the
        // closed one: one retry tells that apart from a request the server cannot answer.
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                return new FuzzResponse(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""), response.body(), null);
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        // Only a dead server is a finding (checked after the run); the request is listed then.
        return new FuzzResponse(-1, "", "", String.valueOf(failure));
    }

    /** The mutations of one operation, in the order they are sent. */
    private static final class Mutations {

        private static final String[] ODD_STRINGS = {
                RAW + "\"\\ud800\"", RAW + "\"\\udfff\\ud800\"", "\u202e\u0635\u0644\u0627\u0629", "e\u0301\u0301\u0301",
                "\ufeff\u200b\u200d", "\uffff\ufffe", "\ud83d\udd0b\u26a1\ud83c\udff3\ufe0f\u200d\ud83c\udf08",
                "' OR '1'='1' --", "%00%ff%", "../../../../etc/passwd", "<script>alert(1)</script>", " ", "",
                "\t\r\n", "\\", "\"quoted\"", "\u0085\u2028\u2029", "Ⅻ𝔘𝔫𝔦𝔠𝔬𝔡𝔢"};
        private static final String[] WRONG_VALUES = {
                "12345", "-1", "0", "0.000001", "1.5", "1e400", "-1e400", "9223372036854775808",
                "123456789012345678901234567890", "true", "false", "\"text\"", "\"\"", "[]", "{}", "[1,\"a\",null]",
                "{\"a\":{\"b\":1}}", "\"2026-13-45T99:99:99Z\"", "\"00000000-0000-0000-0000-000000000000\""};

        private final Operation operation;
        private final String path;
        private final Map<String, String> headers;
        private final SchemaValues values;
        private final Random random;
        private final JsonNode example;

        Mutations(Operation operation, String path, Map<String, String> headers, SchemaValues values, Random random,
                  JsonNode example) {
            this.example = example;
            this.operation = operation;
            this.path = path;
            this.headers = headers;
            this.values = values;
            this.random = random;
        }

        List<FuzzRequest> all() {
            return operation.hasBody() ? (operation.mediaType().equals(FORM) ? form() : json()) : queries();
        }

        private List<FuzzRequest> json() {
            JsonNode valid = example != null ? example : values.valid(operation.schema());
            List<SchemaValues.Location> locations = values.locations(valid, operation.schema());
            List<SchemaValues.Location> strings = locations.stream().filter(l -> l.value().isTextual()).toList();
            List<SchemaValues.Location> arrays = locations.stream().filter(l -> l.value().isArray()).toList();
            List<SchemaValues.Location> required = locations.stream().filter(SchemaValues.Location::required).toList();
            List<FuzzRequest> requests = new ArrayList<>();
            requests.add(json("valid body", valid));
            // One of each kind first, so that a small budget still covers every kind; then more of each.
            for (int pass = 0; pass < 6; pass++) {
                if (!locations.isEmpty()) {
                    SchemaValues.Location at = pick(locations);
                    String wrong = WRONG_VALUES[random.nextInt(WRONG_VALUES.length)];
                    requests.add(json("wrong type at " + at.pointer(), replace(valid, at, rawJson(wrong))));
                    requests.add(json("null at " + at.pointer(), replace(valid, at, JSON.nullNode())));
                }
                if (!strings.isEmpty()) {
                    SchemaValues.Location at = pick(strings);
                    requests.add(json("NUL character at " + at.pointer(),
                            replace(valid, at, TextNode.valueOf("fuzz\u0000nul"))));
                    String odd = ODD_STRINGS[random.nextInt(ODD_STRINGS.length)];
                    requests.add(json("odd unicode at " + at.pointer(),
                            replace(valid, at, odd.startsWith(RAW) ? rawJson(odd.substring(RAW.length())) : TextNode.valueOf(odd))));
                    int length = pass % 2 == 0 ? 100_000 : 300_000;
                    requests.add(json(length + "-character string at " + at.pointer(),
                            replace(valid, at, TextNode.valueOf("x".repeat(length)))));
                }
                SchemaValues.Location anywhere = locations.isEmpty() ? null : pick(locations);
                SchemaValues.Location array = arrays.isEmpty() ? anywhere : pick(arrays);
                int size = pass % 2 == 0 ? 5_000 : 20_000;
                requests.add(json(size + "-element array at " + (array == null ? "root" : array.pointer()),
                        replace(valid, array, hugeArray(array, size))));
                int depth = pass % 2 == 0 ? 60 : 300;
                requests.add(json("nesting " + depth + " deep at " + (anywhere == null ? "root" : anywhere.pointer()),
                        replace(valid, anywhere, rawJson(deep(depth, random.nextBoolean())))));
                if (!required.isEmpty()) {
                    SchemaValues.Location at = pick(required);
                    requests.add(json("missing required " + at.pointer(), remove(valid, at)));
                }
                requests.add(json("extra fields", extra(valid)));
                requests.add(wrongContentType(valid));
                requests.add(malformed(valid));
                requests.add(json("top-level " + WRONG_VALUES[pass], rawJson(WRONG_VALUES[pass])));
            }
            return requests;
        }

        private List<FuzzRequest> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            if (example != null) {
                example.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
            } else {
                values.properties(operation.schema()).forEach((name, schema) -> {
                    JsonNode value = values.valid(schema);
                    fields.put(name, value.isTextual() ? value.asText() : value.toString());
                });
            }
            String valid = encode(fields);
            List<FuzzRequest> requests = new ArrayList<>();
            requests.add(raw("valid form", FORM, valid));
            for (String bad : new String[] {"%%%", "%", "%zz=%zz", "a=%e2%82", "=", "&&&", "a=1&a=2&a=3"}) {
                requests.add(raw("malformed form " + bad, FORM, bad));
            }
            List<String> names = new ArrayList<>(fields.keySet());
            for (String name : names) {
                Map<String, String> nul = new LinkedHashMap<>(fields);
                nul.put(name, "fuzz\u0000nul");
                requests.add(raw("NUL character in " + name, FORM, encode(nul)));
                Map<String, String> huge = new LinkedHashMap<>(fields);
                huge.put(name, "x".repeat(100_000));
                requests.add(raw("100000-character " + name, FORM, encode(huge)));
                Map<String, String> odd = new LinkedHashMap<>(fields);
                odd.put(name, ODD_STRINGS[2 + random.nextInt(ODD_STRINGS.length - 2)]);
                requests.add(raw("odd unicode in " + name, FORM, encode(odd)));
                Map<String, String> missing = new LinkedHashMap<>(fields);
                missing.remove(name);
                requests.add(raw("missing " + name, FORM, encode(missing)));
                requests.add(raw("raw %00 in " + name, FORM, valid.replace(name + "=", name + "=%00")));
            }
            requests.add(raw("JSON body as a form", FORM, "{\"a\":1}"));
            requests.add(raw("form as JSON", "application/json", valid));
            requests.add(raw("form as text", "text/plain", valid));
            requests.add(raw("no content type", null, valid));
            requests.add(raw("empty form", FORM, ""));
            return requests;
        }

        private List<FuzzRequest> queries() {
            String[] bad = {"x", "-1", "0", "99999999999", "1.5", "", "true", "%00", "%", "%zz", "x".repeat(10_000),
                    "%E2%80%AE", "1e400", "null", "[]", "2026-13-45"};
            List<FuzzRequest> requests = new ArrayList<>();
            for (String name : operation.queryNames()) {
                for (int i = 0; i < 3; i++) {
                    String value = bad[random.nextInt(bad.length)];
                    // Valid escapes go as they are (%00 is a NUL); java.net.URI cannot carry an invalid one.
                    String encoded = value.matches("(%[0-9A-Fa-f]{2})+") ? value
                            : URLEncoder.encode(value, StandardCharsets.UTF_8);
                    requests.add(new FuzzRequest(operation.name(), "query " + name + "=" + abbreviate(value),
                            "GET", path + "?" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + encoded,
                            headers, null, null));
                }
            }
            return requests;
        }

        private SchemaValues.Location pick(List<SchemaValues.Location> from) {
            return from.get(random.nextInt(from.size()));
        }

        private FuzzRequest json(String what, JsonNode body) {
            return raw(what, "application/json", serialize(body));
        }

        private FuzzRequest raw(String what, String contentType, String body) {
            return raw(what, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        private FuzzRequest raw(String what, String contentType, byte[] body) {
            return new FuzzRequest(operation.name(), what, operation.method().toUpperCase(), path, headers,
                    contentType, body);
        }

        private FuzzRequest wrongContentType(JsonNode valid) {
            String[] types = {"text/plain", "application/xml", FORM, null, "application/json; charset=utf-16",
                    "application/json; charset=nonsense", "multipart/form-data; boundary=x", "*/*", "application/"};
            String type = types[random.nextInt(types.length)];
            return raw("content type " + type, type, serialize(valid));
        }

        private FuzzRequest malformed(JsonNode valid) {
            String text = serialize(valid);
            byte[][] variants = {
                    text.substring(0, Math.max(1, text.length() / 2)).getBytes(StandardCharsets.UTF_8),
                    (text + "}}trailing").getBytes(StandardCharsets.UTF_8),
                    "{\"a\":}".getBytes(StandardCharsets.UTF_8),
                    "%%%".getBytes(StandardCharsets.UTF_8),
                    new byte[0],
                    new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                    new byte[] {'{', '"', 'a', '"', ':', '"', 0, '"', '}'},
                    ("\ufeff" + text).getBytes(StandardCharsets.UTF_8),
                    "{".repeat(5_000).getBytes(StandardCharsets.UTF_8),
                    "nul".getBytes(StandardCharsets.UTF_8),
                    "{'single':'quotes'}".getBytes(StandardCharsets.UTF_8),
                    "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8),
                    "[".repeat(3).concat("]".repeat(3)).getBytes(StandardCharsets.UTF_8)};
            int which = random.nextInt(variants.length);
            return raw("malformed JSON #" + which, "application/json", variants[which]);
        }

        private JsonNode hugeArray(SchemaValues.Location at, int size) {
            JsonNode element = at != null && at.value().isArray() && at.value().size() > 0 ? at.value().get(0)
                    : TextNode.valueOf("x");
            ArrayNode array = JSON.arrayNode();
            for (int i = 0; i < size; i++) {
                array.add(element.deepCopy());
            }
            return array;
        }

        private static String deep(int depth, boolean arrays) {
            return arrays ? "[".repeat(depth) + "1" + "]".repeat(depth)
                    : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        }

        private static JsonNode replace(JsonNode valid, SchemaValues.Location at, JsonNode replacement) {
            if (at == null) {
                return replacement;
            }
            JsonNode copy = valid.deepCopy();
            String pointer = at.pointer();
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = copy.at(pointer.substring(0, slash));
            String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            if (parent.isObject()) {
                ((ObjectNode) parent).set(key, replacement);
            } else if (parent.isArray()) {
                ((ArrayNode) parent).set(Integer.parseInt(key), replacement);
            }
            return copy;
        }

        private static JsonNode remove(JsonNode valid, SchemaValues.Location at) {
            JsonNode copy = valid.deepCopy();
            String pointer = at.pointer();
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = copy.at(pointer.substring(0, slash));
            if (parent.isObject()) {
                ((ObjectNode) parent).remove(pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~"));
            }
            return copy;
        }

        private static JsonNode extra(JsonNode valid) {
            if (!valid.isObject()) {
                return valid;
            }
            ObjectNode copy = valid.deepCopy();
            copy.put("fuzzExtra", "unexpected");
            copy.set("id", TextNode.valueOf("00000000-0000-0000-0000-000000000000"));
            copy.set("createdAt", TextNode.valueOf("1970-01-01T00:00:00Z"));
            copy.set("organizationId", TextNode.valueOf("someone-else"));
            return copy;
        }

        private static String encode(Map<String, String> fields) {
            return fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
    }

    /** A value written into the body as it is (raw JSON), for what a JsonNode cannot hold (1e400, a lone surrogate). */
    private static JsonNode rawJson(String json) {
        return TextNode.valueOf(RAW + json + RAW);
    }

    static String serialize(JsonNode body) {
        try {
            String text = JSON_MAPPER.writeValueAsString(body);
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (true) {
                int start = text.indexOf("\"" + RAW, i);
                if (start < 0) {
                    out.append(text, i, text.length());
                    return out.toString();
                }
                int end = text.indexOf(RAW + "\"", start + RAW.length() + 1);
                out.append(text, i, start);
                out.append(unescape(text.substring(start + 1 + RAW.length(), end)));
                i = end + RAW.length() + 1;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Undoes the JSON string escaping of a raw value's text. */
    private static String unescape(String escaped) {
        try {
            return JSON_MAPPER.readValue("\"" + escaped + "\"", String.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String text) {
        String visible = text.chars().mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", c)
                : String.valueOf((char) c)).collect(Collectors.joining());
        return visible.length() <= 300 ? visible
                : visible.substring(0, 200) + "…(" + text.length() + " chars)…" + visible.substring(visible.length() - 60);
    }

    /** What was sent, to print and replay. */
    record FuzzRequest(String operation, String what, String method, String pathAndQuery, Map<String, String> headers,
                       String contentType, byte[] body) {

        String describe() {
            String shown = body == null ? "" : abbreviate(new String(body, StandardCharsets.UTF_8));
            return method + " " + abbreviate(pathAndQuery) + " [" + what + "]"
                    + (contentType == null ? "" : "\n      Content-Type: " + contentType)
                    + (headers.isEmpty() ? "" : "\n      headers: " + new TreeMap<>(headers).keySet())
                    + (body == null ? "" : "\n      body: " + shown);
        }
    }

    record FuzzResponse(int status, String contentType, String body, String error) {
    }
}
