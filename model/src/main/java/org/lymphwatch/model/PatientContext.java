package org.lymphwatch.model;

/**
 * What a patient reported alongside or instead of a measurement. A field is {@code null} when the
 * patient did not say, which is different from saying "no".
 */
public record PatientContext(
        Boolean massageSession,
        Boolean compressionWorn,
        Boolean fever,
        Boolean redness,
        Boolean pain)
        implements java.io.Serializable {

    public boolean feverOrRedness() {
        return Boolean.TRUE.equals(fever) || Boolean.TRUE.equals(redness);
    }

    public boolean isEmpty() {
        return massageSession == null
                && compressionWorn == null
                && fever == null
                && redness == null
                && pain == null;
    }
}
