package org.lymphwatch.model;

/**
 * Pre-operative measurements, the reference for relative volume change and L-Dex change. Each field
 * may be {@code null} when that measurement was not taken before surgery.
 */
public record Baseline(Double atRiskVolumeMl, Double unaffectedVolumeMl, Double lDex)
        implements java.io.Serializable {

    public boolean hasVolumes() {
        return atRiskVolumeMl != null && unaffectedVolumeMl != null;
    }
}
