import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;
import net.iakovlev.timeshape.TimeZoneEngine;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Derives device-service's time zone data (src/main/resources/territory/timezones-us.tar.zst) from the
 * world data bundled in timeshape's jar: only the zones whose polygons reach into the box TimeZones loads,
 * each entry copied unchanged, so timeshape reads a tenth of the data at start-up.
 * Run (Java 17 single-file source; the box must match territory/TimeZones.java):
 *   ./mvnw -B -ntp -o -pl device-service -am compile dependency:build-classpath -Dmdep.includeScope=runtime \
 *       -Dmdep.outputFile=/tmp/cp.txt
 *   java -cp "$(cat /tmp/cp.txt)" device-service/tools/TimeZoneSubset.java \
 *       device-service/src/main/resources/territory/timezones-us.tar.zst
 */
public class TimeZoneSubset {

    static final double MIN_LATITUDE = 17.5;
    static final double MAX_LATITUDE = 72.0;
    static final double MIN_LONGITUDE = -180.0;
    static final double MAX_LONGITUDE = -64.0;

    public static void main(String[] args) throws Exception {
        Set<String> zones = TimeZoneEngine.initialize(MIN_LATITUDE, MIN_LONGITUDE, MAX_LATITUDE, MAX_LONGITUDE, false)
                .getKnownZoneIds().stream().map(ZoneId::getId).collect(Collectors.toSet());
        int copied = 0;
        try (InputStream world = TimeZoneEngine.class.getResourceAsStream("/data.tar.zstd");
             TarArchiveInputStream in = new TarArchiveInputStream(new ZstdInputStream(new BufferedInputStream(world)));
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(Path.of(args[0])));
             ZstdOutputStream zstd = new ZstdOutputStream(file, 19);
             TarArchiveOutputStream out = new TarArchiveOutputStream(zstd)) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (zones.contains(entry.getName())) {
                    out.putArchiveEntry(entry);
                    in.transferTo(out);
                    out.closeArchiveEntry();
                    copied++;
                }
            }
            out.finish();
        }
        System.out.printf("%d of timeshape's zones reach into the box; %d entries written to %s%n", zones.size(),
                copied, args[0]);
    }
}
