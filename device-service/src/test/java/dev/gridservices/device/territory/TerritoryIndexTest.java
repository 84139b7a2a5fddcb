package dev.gridservices.device.territory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Matching on the shipped CommonGrid index, without the service around it. */
class TerritoryIndexTest {

    private static TerritoryIndex index;
    private static ZipCentroids zips;

    @BeforeAll
    static void load() {
        index = TerritoryIndex.load();
        zips = ZipCentroids.load();
    }

    private static List<Territory> at(String zip) {
        ZipCentroids.Point p = zips.centroid(zip).orElseThrow();
        return index.containing(p.latitude(), p.longitude());
    }

    private static List<String> utilities(List<Territory> found) {
        return found.stream().filter(t -> t.layer() == Territory.Layer.UTILITY).map(Territory::eiaId).sorted().toList();
    }

    @Test
    void denverIsPublicServiceCompanyOfColoradoAlone() {
        List<Territory> found = at("80202");
        // WAPA's polygon contains the point too, but a federal power marketing administration is not in the index.
        assertThat(utilities(found)).containsExactly("15466");
        assertThat(found.stream().filter(t -> t.layer() == Territory.Layer.UTILITY).findFirst().orElseThrow().name())
                .isEqualTo("Public Service Company of Colorado");
    }

    @Test
    void austinHasThreeDistributionUtilitiesAndErcot() {
        List<Territory> found = at("78701");
        assertThat(utilities(found)).containsExactly("1015", "14626", "1892");
        assertThat(found).anyMatch(t -> t.layer() == Territory.Layer.ISO && t.slug().equals("ERCOT"));
    }

    @Test
    void sanFranciscoCarriesItsCcaAndIso() {
        List<Territory> found = at("94103");
        assertThat(utilities(found)).contains("14328");
        assertThat(found).anyMatch(t -> t.layer() == Territory.Layer.CCA && t.name().equals("CleanPowerSF"));
        assertThat(found).anyMatch(t -> t.layer() == Territory.Layer.ISO && t.slug().equals("CAISO"));
    }

    @Test
    void theGulfOfMexicoIsNobodysTerritory() {
        assertThat(utilities(index.containing(26.0, -90.0))).isEmpty();
    }

    @Test
    void unknownZipHasNoCentroid() {
        assertThat(zips.centroid("00000")).isEmpty();
        assertThat(zips.size()).isEqualTo(33_791);
    }

    @Test
    void timeZonesComeFromTheZonePolygons() {
        TimeZones zones = TimeZones.load();
        assertThat(zoneAt(zones, "CO", "80202")).isEqualTo("America/Denver");
        // Arizona keeps standard time all year: its own zone, not Denver's.
        assertThat(zoneAt(zones, "AZ", "85004")).isEqualTo("America/Phoenix");
        assertThat(zoneAt(zones, "IN", "46204")).isEqualTo("America/Indiana/Indianapolis");
        assertThat(zoneAt(zones, "HI", "96813")).isEqualTo("Pacific/Honolulu");
        assertThat(zoneAt(zones, "AK", "99501")).isEqualTo("America/Anchorage");
        assertThat(zoneAt(zones, "PR", "00901")).isEqualTo("America/Puerto_Rico");
        // Either side of the Mountain/Central line in western Kansas, about 55 km apart: Goodland (Sherman
        // County) keeps Mountain time, Colby (Thomas County) Central.
        assertThat(zoneAt(zones, "KS", "67735")).isEqualTo("America/Denver");
        assertThat(zoneAt(zones, "KS", "67701")).isEqualTo("America/Chicago");
        // El Paso is Mountain in a Central state.
        assertThat(zoneAt(zones, "TX", "79901")).isEqualTo("America/Denver");
        // No polygon offshore or outside the box: the state's principal zone; an unknown state: none.
        assertThat(zones.zoneOf("TX", 26.0, -90.0)).isEqualTo("America/Chicago");
        assertThat(zones.zoneOf("GU", 13.44, 144.79)).isEqualTo("Pacific/Guam");
        assertThat(zones.zoneOf("ZZ", 0, 0)).isNull();
    }

    private static String zoneAt(TimeZones zones, String state, String zip) {
        ZipCentroids.Point p = zips.centroid(zip).orElseThrow();
        return zones.zoneOf(state, p.latitude(), p.longitude());
    }
}
