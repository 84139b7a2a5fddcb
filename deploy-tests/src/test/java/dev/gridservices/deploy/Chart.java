package dev.gridservices.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The chart under test, its values variants, and its rendered objects (rendered once per variant per JVM). */
final class Chart {

    static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    static final Path CHART = ROOT.resolve("helm/grid-services");
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path TARGET = ROOT.resolve("deploy-tests/target");
    static final String RELEASE = "grid";
    static final String NAMESPACE = "grid";

    static final List<String> SERVICES = List.of("auth-service", "programs-service", "enrollment-service",
            "device-service", "telemetry-ingest-service", "dispatch-service");

    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The values files a user installs with: none (values.yaml alone), deploy/values-local.yaml, deploy/values-production.yaml. */
    enum Variant {
        DEFAULT(null), LOCAL("values-local.yaml"), PRODUCTION("values-production.yaml");

        final String file;

        Variant(String file) {
            this.file = file;
        }

        Path valuesFile() {
            return file == null ? null : DEPLOY.resolve(file);
        }
    }

    static final String HOOK_ANNOTATION = "gridservices.dev/rendered-helm-hook";

    private static final Map<Variant, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();
    private static Path renderCopy;

    private Chart() {
    }

    /**
     * Renders like `helm template`, hooks included: helm-java prints only the release manifest, so the templates
     * are rendered from a copy whose {@code helm.sh/hook} annotations are renamed to {@link #HOOK_ANNOTATION}.
     */
    static String template(Variant variant, Map<String, Object> sets) {
        var command = new Helm(renderCopy()).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion("1.31.0");
        if (variant.valuesFile() != null) {
            command = command.withValuesFile(variant.valuesFile());
        }
        for (var set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    /** Every object `helm template` renders for the variant, hooks included, as plain maps. */
    static List<Map<String, Object>> objects(Variant variant) {
        return RENDERED.computeIfAbsent(variant, v -> {
            String rendered = template(v, Map.of());
            try {
                // For a human look at what was checked: target/rendered-<variant>.yaml
                Files.createDirectories(TARGET);
                Files.writeString(TARGET.resolve("rendered-" + v.name().toLowerCase() + ".yaml"), rendered);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return parseAll(rendered);
        });
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parseAll(String multiDocument) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(multiDocument)) {
            var it = YAML.readValues(parser, Map.class);
            while (it.hasNext()) {
                Map<String, Object> doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Map<String, Object>> ofKind(Variant variant, String kind) {
        return objects(variant).stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static Map<String, Object> one(Variant variant, String kind, String name) {
        return ofKind(variant, kind).stream().filter(o -> name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " not rendered for " + variant));
    }

    static String name(Map<String, Object> object) {
        return (String) map(object, "metadata").get("name");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object parent, String... path) {
        Object current = parent;
        for (String key : path) {
            current = current == null ? null : ((Map<String, Object>) current).get(key);
        }
        return current == null ? Map.of() : (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object parent, String... path) {
        Object current = parent;
        for (int i = 0; i < path.length - 1; i++) {
            current = ((Map<String, Object>) current).get(path[i]);
            if (current == null) {
                return List.of();
            }
        }
        Object value = ((Map<String, Object>) current).get(path[path.length - 1]);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** values.yaml, deep-merged with the variant's file the way Helm merges values files (maps merge, the rest replaces). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergedValues(Variant variant) {
        Map<String, Object> base = readYaml(CHART.resolve("values.yaml"));
        if (variant.valuesFile() != null) {
            merge(base, readYaml(variant.valuesFile()));
        }
        return base;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> overlay) {
        for (var e : overlay.entrySet()) {
            Object current = into.get(e.getKey());
            if (current instanceof Map && e.getValue() instanceof Map) {
                merge((Map<String, Object>) current, (Map<String, Object>) e.getValue());
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readYaml(Path file) {
        try {
            Map<String, Object> value = YAML.readValue(file.toFile(), LinkedHashMap.class);
            return value == null ? new LinkedHashMap<>() : value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path renderCopy() {
        if (renderCopy == null) {
            Path copy = copyChart(TARGET.resolve("render/grid-services"));
            try (Stream<Path> templates = Files.list(copy.resolve("templates"))) {
                for (Path template : (Iterable<Path>) templates::iterator) {
                    Files.writeString(template, Files.readString(template).replace("helm.sh/hook:", HOOK_ANNOTATION + ":"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            renderCopy = copy;
        }
        return renderCopy;
    }

    /** A copy of the chart whose values.yaml is the variant's merged values (helm-java's lint takes no values file). */
    static Path chartCopyWithValues(Variant variant) {
        Path copy = copyChart(TARGET.resolve("lint/" + variant.name().toLowerCase() + "/grid-services"));
        try {
            YAML.writeValue(copy.resolve("values.yaml").toFile(), mergedValues(variant));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    private static Path copyChart(Path copy) {
        try {
            if (Files.exists(copy)) {
                try (Stream<Path> old = Files.walk(copy)) {
                    old.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path to = copy.resolve(CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(source, to);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }
}
