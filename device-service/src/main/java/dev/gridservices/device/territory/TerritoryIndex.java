package dev.gridservices.device.territory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Point-in-polygon over the CommonGrid territories: a JTS {@link STRtree} of every polygon's envelope, and
 * an exact test of the candidates. The data is the compact file {@code tools/commongrid_territories.py}
 * derives (simplified, fixed point 1e-4°, varint deltas, gzip); it is immutable once loaded, so lookups
 * need no locking.
 */
public final class TerritoryIndex {

    static final String RESOURCE = "/territory/territories.bin.gz";
    private static final double SCALE = 10_000d;

    private final STRtree tree;
    private final int territories;
    private final int polygons;
    private final String source;

    private TerritoryIndex(STRtree tree, int territories, int polygons, String source) {
        this.tree = tree;
        this.territories = territories;
        this.polygons = polygons;
        this.source = source;
    }

    /** Loads the shipped index from the classpath. */
    public static TerritoryIndex load() {
        try (InputStream in = TerritoryIndex.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TerritoryIndex read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
        byte[] magic = new byte[5];
        in.readFully(magic);
        if (!"TERR1".equals(new String(magic, StandardCharsets.US_ASCII))) {
            throw new IOException("Not a territory index (magic " + new String(magic, StandardCharsets.US_ASCII) + ")");
        }
        String source = text(in);
        int count = (int) varint(in);
        GeometryFactory factory = new GeometryFactory(new PrecisionModel(SCALE));
        STRtree tree = new STRtree();
        int polygons = 0;
        for (int i = 0; i < count; i++) {
            Territory.Layer layer = Territory.Layer.values()[in.readUnsignedByte()];
            Territory territory = new Territory(layer, text(in), text(in), text(in), empty(text(in)),
                    empty(text(in)), text(in));
            int polygonCount = (int) varint(in);
            for (int p = 0; p < polygonCount; p++) {
                int ringCount = (int) varint(in);
                LinearRing shell = null;
                LinearRing[] holes = new LinearRing[Math.max(0, ringCount - 1)];
                for (int r = 0; r < ringCount; r++) {
                    LinearRing ring = factory.createLinearRing(ring(in));
                    if (r == 0) {
                        shell = ring;
                    } else {
                        holes[r - 1] = ring;
                    }
                }
                if (shell != null) {
                    Polygon polygon = factory.createPolygon(shell, holes);
                    tree.insert(polygon.getEnvelopeInternal(), new Entry(territory, polygon));
                    polygons++;
                }
            }
        }
        tree.build();
        return new TerritoryIndex(tree, count, polygons, source);
    }

    /** Every territory (of every layer) whose polygons contain the point (boundary included). */
    public List<Territory> containing(double latitude, double longitude) {
        Coordinate point = new Coordinate(longitude, latitude);
        List<Territory> found = new ArrayList<>();
        for (Object candidate : tree.query(new Envelope(point))) {
            Entry entry = (Entry) candidate;
            if (!found.contains(entry.territory) && entry.contains(point)) {
                found.add(entry.territory);
            }
        }
        return found;
    }

    public int territories() {
        return territories;
    }

    public int polygons() {
        return polygons;
    }

    /** The provenance line written by the converter (source commit, license, simplification). */
    public String source() {
        return source;
    }

    /**
     * A polygon and its territory. The indexed locator (a small interval tree over the edges) is built on
     * first use only: most polygons are never a candidate, and building all of them would double the heap.
     */
    private static final class Entry {
        final Territory territory;
        final Geometry polygon;
        private volatile IndexedPointInAreaLocator locator;

        Entry(Territory territory, Geometry polygon) {
            this.territory = territory;
            this.polygon = polygon;
        }

        boolean contains(Coordinate point) {
            IndexedPointInAreaLocator l = locator;
            if (l == null) {
                l = new IndexedPointInAreaLocator(polygon);
                locator = l;
            }
            return l.locate(point) != Location.EXTERIOR;
        }
    }

    private static Coordinate[] ring(DataInputStream in) throws IOException {
        int n = (int) varint(in);
        Coordinate[] coordinates = new Coordinate[n];
        long x = 0;
        long y = 0;
        for (int i = 0; i < n; i++) {
            x += varint(in);
            y += varint(in);
            coordinates[i] = new Coordinate(x / SCALE, y / SCALE);
        }
        return coordinates;
    }

    private static String text(DataInputStream in) throws IOException {
        int length = (int) varint(in);
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String empty(String value) {
        return value.isEmpty() ? null : value;
    }

    /** Zigzag varint, as the converter writes it. */
    private static long varint(DataInputStream in) throws IOException {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Truncated territory index");
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (result >>> 1) ^ -(result & 1);
            }
            shift += 7;
        }
    }
}
