package dev.gridservices.programs.repository;

import java.util.Map;

/**
 * Who is looking at programs, as program queries need it: public programs and the organization's own are
 * visible to everyone of it; an OEM organization also sees what was offered to it (by name or to every OEM);
 * a VEN sees only programs without targets or whose targets hold its venID. The platform admin sees all.
 *
 * @param organizationId null for the platform admin (then nothing is filtered)
 */
public record Audience(String organizationId, boolean oem, String venId) {

    static final String ORG = "audienceOrganizationId";
    static final String VEN = "audienceVenId";

    public static Audience everything() {
        return new Audience(null, false, null);
    }

    public boolean seesEverything() {
        return organizationId == null;
    }

    /** The HQL condition on program alias {@code p} (binding its parameters into {@code params}). */
    String visible(Map<String, Object> params) {
        if (seesEverything()) {
            return "(1 = 1)";
        }
        params.put(ORG, organizationId);
        StringBuilder clause = new StringBuilder("(p.visibility = 'public' or p.organizationId = :" + ORG);
        if (oem) {
            clause.append(" or exists (from ProgramOffer o where o.programId = p.id")
                    .append(" and (o.organizationId is null or o.organizationId = :").append(ORG).append("))");
        }
        clause.append(')');
        if (venId != null) {
            params.put(VEN, venId);
            clause.append(" and (coalesce(array_length(p.targets), 0) = 0 or array_contains(p.targets, :")
                    .append(VEN).append("))");
        }
        return clause.toString();
    }
}
