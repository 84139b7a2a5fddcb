package dev.gridservices.device.service;

import dev.gridservices.device.territory.UsStates;
import dev.gridservices.kit.problem.ProblemException;
import java.util.Objects;
import java.util.regex.Pattern;

/** A site as the caller defines it. Both APIs build one; {@link #validate} names fields in the caller's API. */
public record SiteDraft(String name, String streetOne, String streetTwo, String city, String state, String postalCode,
                        String country, String utilityAccountNumber, String referenceId, String customerId,
                        Double latitude, Double longitude) {

    private static final Pattern ZIP = Pattern.compile("^\\d{5}(-\\d{4})?$");

    /** How the caller's API names the address fields, so that a 400 names the field the caller sent. */
    public record FieldNames(String street, String city, String state, String zip, String country, String latitude,
                             String longitude) {
    }

    /** Trims and upper-cases the state; checks every address rule, first failure first. */
    public SiteDraft validate(FieldNames names) {
        String st = trim(state) == null ? null : trim(state).toUpperCase(java.util.Locale.ROOT);
        String zip = trim(postalCode);
        if (trim(streetOne) == null) {
            throw ProblemException.invalid(names.street(), "is required");
        }
        if (trim(city) == null) {
            throw ProblemException.invalid(names.city(), "is required");
        }
        if (st == null) {
            throw ProblemException.invalid(names.state(), "is required");
        }
        if (st.length() != 2 || !UsStates.isState(st)) {
            throw ProblemException.invalid(names.state(), "must be a 2-letter US state code, e.g. CO");
        }
        if (zip == null) {
            throw ProblemException.invalid(names.zip(), "is required");
        }
        if (!ZIP.matcher(zip).matches()) {
            throw ProblemException.invalid(names.zip(), "must be a 5-digit ZIP code (ZIP+4 accepted), e.g. 80202");
        }
        String c = trim(country) == null ? "US" : trim(country).toUpperCase(java.util.Locale.ROOT);
        if (!c.equals("US") && !c.equals("USA")) {
            throw ProblemException.invalid(names.country(), "only US addresses are supported");
        }
        if ((latitude == null) != (longitude == null)) {
            throw ProblemException.invalid(latitude == null ? names.latitude() : names.longitude(),
                    "latitude and longitude go together");
        }
        if (latitude != null && (latitude < -90 || latitude > 90)) {
            throw ProblemException.invalid(names.latitude(), "must be between -90 and 90");
        }
        if (longitude != null && (longitude < -180 || longitude > 180)) {
            throw ProblemException.invalid(names.longitude(), "must be between -180 and 180");
        }
        return new SiteDraft(trim(name), trim(streetOne), trim(streetTwo), trim(city), st, zip, "US",
                trim(utilityAccountNumber), trim(referenceId), trim(customerId), latitude, longitude);
    }

    /** The first five digits: what the ZIP centroid table is keyed by. */
    public String zip5() {
        return postalCode.substring(0, 5);
    }

    /** Whether territory matching must run again: the address or the point changed. */
    public boolean sameLocation(SiteDraft other) {
        return Objects.equals(streetOne, other.streetOne) && Objects.equals(city, other.city)
                && Objects.equals(state, other.state) && Objects.equals(postalCode, other.postalCode)
                && Objects.equals(latitude, other.latitude) && Objects.equals(longitude, other.longitude);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
