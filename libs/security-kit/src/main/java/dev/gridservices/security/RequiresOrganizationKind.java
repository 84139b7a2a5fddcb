package dev.gridservices.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The caller's organization must be of this kind (the platform admin passes only where {@code admin} is true).
 * On a class it covers every method; on a method it replaces the class's requirement. Anonymous → 401,
 * the other kind → 403.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresOrganizationKind {

    OrganizationKind value();

    /** Whether the platform admin may call it too. */
    boolean admin() default false;
}
