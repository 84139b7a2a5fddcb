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
    void timeZonesFollowTheState() {
        assertThat(UsTimeZones.zoneOf("CO", 39.75, -104.99)).isEqualTo("America/Denver");
        assertThat(UsTimeZones.zoneOf("TX", 30.27, -97.74)).isEqualTo("America/Chicago");
        assertThat(UsTimeZones.zoneOf("TX", 31.76, -106.49)).isEqualTo("America/Denver");
        assertThat(UsTimeZones.zoneOf("ZZ", 0, 0)).isNull();
    }
}
