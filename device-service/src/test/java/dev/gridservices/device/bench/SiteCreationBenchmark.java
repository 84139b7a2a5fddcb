package dev.gridservices.device.bench;

import static io.restassured.RestAssured.given;

import dev.gridservices.device.territory.TerritoryIndex;
import dev.gridservices.device.territory.TimeZones;
import dev.gridservices.device.territory.ZipCentroids;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Not a test (its name keeps it out of Surefire's default run): measures what docs/benchmarks.md reports.
 * Run: mvn -B -ntp -o -pl device-service -am verify -Dtest=SiteCreationBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * <ul>
 *   <li>territory index: load time and retained heap of the index + ZIP centroids, fresh, and after every
 *       ZIP centroid was matched once (the polygons' point locators are built on first use);</li>
 *   <li>matching alone: p50/p99 over all 33,791 ZIP centroids in random order;</li>
 *   <li>time zone polygons: load time, retained heap, and the zone of every ZIP centroid;</li>
 *   <li>POST /v2/x-texture/sites end to end (HTTP, auth, validation, geocoding, matching, eligibility query,
 *       insert + outbox row), sequential, random real ZIPs, after a warm-up.</li>
 * </ul>
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class SiteCreationBenchmark {

    private static final int WARMUP = 300;
    private static final int MEASURED = 2000;

    @Test
    void measure() throws Exception {
        List<String> zips = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                SiteCreationBenchmark.class.getResourceAsStream("/territory/zip-centroids.csv.gz"))))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                zips.add(line.substring(0, 5));
            }
        }
        Runtime rt = Runtime.getRuntime();
        for (int round = 0; round < 3; round++) {
            long before = used(rt);
            long start = System.nanoTime();
            TerritoryIndex index = TerritoryIndex.load();
            ZipCentroids centroids = ZipCentroids.load();
            long loadMs = (System.nanoTime() - start) / 1_000_000;
            long fresh = used(rt) - before;
            List<String> shuffled = new ArrayList<>(zips);
            java.util.Collections.shuffle(shuffled, new Random(round));
            long[] match = new long[shuffled.size()];
            for (int i = 0; i < shuffled.size(); i++) {
                ZipCentroids.Point p = centroids.centroid(shuffled.get(i)).orElseThrow();
                long t0 = System.nanoTime();
                index.containing(p.latitude(), p.longitude());
                match[i] = System.nanoTime() - t0;
            }
            long warm = used(rt) - before;
            System.out.printf("BENCH index round %d: load %d ms, heap fresh %.1f MB, after matching every ZIP %.1f MB;"
                    + " match p50 %.3f ms p99 %.3f ms max %.3f ms (%d polygons)%n", round, loadMs, fresh / 1e6,
                    warm / 1e6, pct(match, 50), pct(match, 99), pct(match, 100), index.polygons());
            if (index.polygons() == 0 || centroids.size() == 0) {
                throw new IllegalStateException("empty index");
            }
            // The zone polygons, on their own (the service loads them on a thread beside the index).
            long zonesBefore = used(rt);
            long zonesStart = System.nanoTime();
            TimeZones zones = TimeZones.load();
            long zonesMs = (System.nanoTime() - zonesStart) / 1_000_000;
            long zonesHeap = used(rt) - zonesBefore;
            long[] zoneQuery = new long[shuffled.size()];
            for (int i = 0; i < shuffled.size(); i++) {
                ZipCentroids.Point p = centroids.centroid(shuffled.get(i)).orElseThrow();
                long t0 = System.nanoTime();
                zones.zoneOf("CO", p.latitude(), p.longitude());
                zoneQuery[i] = System.nanoTime() - t0;
            }
            System.out.printf("BENCH time zones round %d: load %d ms, heap %.1f MB (%d zones); zone of a point p50 %.3f ms"
                    + " p99 %.3f ms max %.3f ms; index + zones retained together %.1f MB%n", round, zonesMs,
                    zonesHeap / 1e6, zones.zones(), pct(zoneQuery, 50), pct(zoneQuery, 99), pct(zoneQuery, 100),
                    (used(rt) - before) / 1e6);
            if (zones.zones() == 0 || index.polygons() == 0) {
                throw new IllegalStateException("empty zone index");
            }
        }

        // One organization per 400 requests: the device-management rate limit (500/min) is per organization.
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < (WARMUP + MEASURED) / 400 + 1; i++) {
            keys.add(TestCredentials.serverApiKey("bench-org-" + i + "-" + System.nanoTime(), TestCredentials.OEM));
        }
        Random random = new Random(42);
        long[] latencies = new long[MEASURED];
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            String zip = zips.get(random.nextInt(zips.size()));
            Map<String, Object> body = Map.of("name", "bench " + i, "address",
                    Map.of("street", "1 Main St", "city", "Somewhere", "state", "CO", "zip", zip));
            long t0 = System.nanoTime();
            int status = given().header("Texture-Api-Key", keys.get(i / 400)).contentType(ContentType.JSON).body(body)
                    .post("/v2/x-texture/sites").statusCode();
            long elapsed = System.nanoTime() - t0;
            if (status != 201) {
                throw new IllegalStateException("status " + status);
            }
            if (i >= WARMUP) {
                latencies[i - WARMUP] = elapsed;
            }
        }
        System.out.printf("BENCH POST /v2/x-texture/sites x%d (after %d warm-up): p50 %.2f ms p90 %.2f ms p99 %.2f ms"
                + " max %.2f ms%n", MEASURED, WARMUP, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
                pct(latencies, 100));
    }

    private static long used(Runtime rt) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int idx = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, idx)] / 1e6;
    }
}
