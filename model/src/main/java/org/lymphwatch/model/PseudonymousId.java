package org.lymphwatch.model;

import java.util.regex.Pattern;

/**
 * The shape of every id lymphwatch passes around (patients, devices, clinicians): no spaces, so no
 * names or sentences end up in ids, URLs and logs.
 */
public final class PseudonymousId {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private PseudonymousId() {}

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
