package dev.gridservices.programs.service;

/**
 * Recognises a lost optimistic-lock race in a failure from Hibernate Reactive, whichever layer wrapped it, so
 * that an update another write overtook answers 409 instead of 500. (Constraint violations: service-kit's
 * {@code DatabaseViolation}.)
 */
final class StaleWrites {

    private StaleWrites() {
    }

    /** An update whose {@code version} no longer matched: another write committed in between. */
    static boolean isStale(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.StaleStateException || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.dialect.lock.OptimisticEntityLockException) {
                return true;
            }
        }
        return false;
    }
}
