package dev.gridservices.device.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.device.repository.Site;
import dev.gridservices.device.service.SiteDraft;
import dev.gridservices.device.territory.MatchOutcome;
import dev.gridservices.kit.json.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Locale;

/** The one site model in its two shapes: the Direct API's (/v2/x-texture/sites, §4) and the core API's (/v1/sites). */
@ApplicationScoped
public class SiteViews {

    public static final SiteDraft.FieldNames V2_FIELDS = new SiteDraft.FieldNames("address.street", "address.city",
            "address.state", "address.zip", "address.country", "address.latitude", "address.longitude");
    public static final SiteDraft.FieldNames V1_FIELDS = new SiteDraft.FieldNames("streetOne", "city", "state",
            "postalCode", "country", "latitude", "longitude");

    /** /v2 request body. {@code address.latitude/longitude} (optional) override geocoding by ZIP. */
    public record SiteRequest(String name, Address address, String utilityAccountNumber) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String street, String street2, String city, String state, String zip, String country,
                         Double latitude, Double longitude) {
    }

    /**
     * /v2 response: §4's fields ({@code serviceTerritory} = the matched utility's CommonGrid slug in upper
     * snake case, {@code programEligible}) plus the matching outcome and what it found.
     */
    public record SiteV2(String id, String name, Address address, String utilityAccountNumber, String serviceTerritory,
                         boolean programEligible, TerritoryView territoryMatch, String utilityId, String utilityEiaId,
                         String utilityName, String cca, String iso, String timezone, Location location,
                         String venID, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** outcome: matched | partial | ambiguous | no_match | invalid_location (§10.3). */
    public record TerritoryView(String outcome, boolean pendingReview, JsonNode candidates) {
    }

    public record Location(Double latitude, Double longitude, String source) {
    }

    /** /v1 request body (POST; PATCH takes the same fields, each optional). */
    public record CoreSiteRequest(String name, String referenceId, String streetOne, String streetTwo, String city,
                                  String state, String postalCode, String country, Double latitude, Double longitude,
                                  String customerId, String utilityAccountNumber) {
    }

    public record CoreLocation(String streetOne, String streetTwo, String city, String state, String postalCode,
                               String country, Double latitude, Double longitude, String timezone) {
    }

    public record CoreUtility(String name, String id, String eiaId) {
    }

    /** /v1 response (core-api-v1 Site, the parts this service owns) plus the territory outcome. */
    public record CoreSite(String id, String name, String referenceId, String workspaceId, String customerId,
                           CoreLocation location, CoreUtility utility, String wholesaleMarket, String cca,
                           String territoryMatch, boolean programEligible, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt) {
    }

    private final JsonText json;

    public SiteViews(JsonText json) {
        this.json = json;
    }

    public SiteDraft toDraft(SiteRequest body) {
        if (body == null) {
            throw dev.gridservices.kit.problem.ProblemException.invalid("body", "a site is required");
        }
        if (body.name() == null || body.name().isBlank()) {
            throw dev.gridservices.kit.problem.ProblemException.invalid("name", "is required");
        }
        if (body.address() == null) {
            throw dev.gridservices.kit.problem.ProblemException.invalid("address", "is required");
        }
        Address a = body.address();
        return new SiteDraft(body.name(), a.street(), a.street2(), a.city(), a.state(), a.zip(), a.country(),
                body.utilityAccountNumber(), null, null, a.latitude(), a.longitude()).validate(V2_FIELDS);
    }

    /** PUT keeps what /v2 does not carry (reference id, customer). */
    public SiteDraft replace(SiteDraft current, SiteRequest body) {
        SiteDraft next = toDraft(body);
        return new SiteDraft(next.name(), next.streetOne(), next.streetTwo(), next.city(), next.state(),
                next.postalCode(), next.country(), next.utilityAccountNumber(), current.referenceId(),
                current.customerId(), next.latitude(), next.longitude());
    }

    public SiteDraft toDraft(CoreSiteRequest b) {
        if (b == null) {
            throw dev.gridservices.kit.problem.ProblemException.invalid("body", "a site is required");
        }
        return new SiteDraft(b.name(), b.streetOne(), b.streetTwo(), b.city(), b.state(), b.postalCode(), b.country(),
                b.utilityAccountNumber(), b.referenceId(), b.customerId(), b.latitude(), b.longitude())
                .validate(V1_FIELDS);
    }

    /** PATCH: the given fields replace the current ones. */
    public SiteDraft merge(SiteDraft c, CoreSiteRequest b) {
        if (b == null) {
            throw dev.gridservices.kit.problem.ProblemException.invalid("body", "a site is required");
        }
        return new SiteDraft(or(b.name(), c.name()), or(b.streetOne(), c.streetOne()), or(b.streetTwo(), c.streetTwo()),
                or(b.city(), c.city()), or(b.state(), c.state()), or(b.postalCode(), c.postalCode()),
                or(b.country(), c.country()), or(b.utilityAccountNumber(), c.utilityAccountNumber()),
                or(b.referenceId(), c.referenceId()), or(b.customerId(), c.customerId()),
                b.latitude() != null ? b.latitude() : c.latitude(), b.longitude() != null ? b.longitude() : c.longitude())
                .validate(V1_FIELDS);
    }

    public SiteV2 toV2(Site s) {
        return new SiteV2(s.id, s.name, new Address(s.streetOne, s.streetTwo, s.city, s.state, s.postalCode, null,
                null, null), s.utilityAccountNumber, serviceTerritory(s), s.programEligible,
                new TerritoryView(s.territoryOutcome, MatchOutcome.AMBIGUOUS.wire().equals(s.territoryOutcome),
                        json.read(s.candidateUtilities)),
                s.utilityId, s.utilityEiaId, s.utilityName, s.ccaName, s.iso, s.timezone,
                s.latitude == null ? null : new Location(s.latitude, s.longitude, s.locationSource), s.venId,
                s.createdAt, s.updatedAt);
    }

    public CoreSite toV1(Site s) {
        return new CoreSite(s.id, s.name, s.referenceId, s.workspaceId, s.customerId,
                new CoreLocation(s.streetOne, s.streetTwo, s.city, s.state, s.postalCode, s.country, s.latitude,
                        s.longitude, s.timezone),
                s.utilityName == null ? null : new CoreUtility(s.utilityName, s.utilityId, s.utilityEiaId), s.iso,
                s.ccaName, s.territoryOutcome, s.programEligible, s.createdAt, s.updatedAt);
    }

    private static String serviceTerritory(Site s) {
        return s.utilitySlug == null ? null : s.utilitySlug.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String or(String given, String current) {
        return given != null ? given : current;
    }
}
