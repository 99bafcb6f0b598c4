package org.lymphwatch.web;

import io.javalin.security.RouteRole;

/** Who may call a route; {@link Access} decides it once, before every matched route. */
public enum Role implements RouteRole {
    /** Anyone, logged in or not: the login page and the styles it needs. */
    PUBLIC,
    /** A logged-in clinician: everything that shows or changes a patient. */
    CLINICIAN
}
