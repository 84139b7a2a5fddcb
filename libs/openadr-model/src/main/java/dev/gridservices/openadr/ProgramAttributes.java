package dev.gridservices.openadr;

/**
 * Names for {@code program.attributes} entries: the OpenADR 3.1 Program Attribute enumeration
 * (Definition, table 8) and the platform's own {@code x-texture:} attributes for facts the standard
 * program object has no field for.
 */
public final class ProgramAttributes {

    public static final String PROGRAM_LONG_NAME = "PROGRAM_LONG_NAME";
    public static final String RETAILER_NAME = "RETAILER_NAME";
    public static final String RETAILER_LONG_NAME = "RETAILER_LONG_NAME";
    public static final String PROGRAM_TYPE = "PROGRAM_TYPE";
    /** ISO 3166-1 alpha-2, e.g. {@code US}. */
    public static final String COUNTRY = "COUNTRY";
    /** ISO 3166-2, e.g. {@code US-NY}. */
    public static final String PRINCIPAL_SUBDIVISION = "PRINCIPAL_SUBDIVISION";
    public static final String BINDING_EVENTS = "BINDING_EVENTS";
    public static final String LOCAL = "LOCAL";

    public static final String X_DESCRIPTION = "x-texture:DESCRIPTION";
    public static final String X_ACTIVE = "x-texture:ACTIVE";
    public static final String X_VISIBILITY = "x-texture:VISIBILITY";
    public static final String X_YEAR = "x-texture:YEAR";

    private ProgramAttributes() {
    }
}
