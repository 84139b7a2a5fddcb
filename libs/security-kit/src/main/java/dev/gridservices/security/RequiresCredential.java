package dev.gridservices.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The caller must have authenticated with one of these credential types. On a class it covers every method;
 * on a method it replaces the class's requirement. Anonymous → 401, another credential type → 403.
 * Checked with {@link RequiresScope} and {@link RequiresOrganizationKind} when they are present too: all must hold.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresCredential {

    CredentialType[] value();
}
