package org.lymphwatch.model;

/**
 * How a limb volume was obtained. {@code TAPE} is never sent by a device: it marks volumes that
 * lymphwatch derived from a CIRCUMFERENCES reading.
 */
public enum VolumeMethod {
    PEROMETER,
    WATER_DISPLACEMENT,
    SCAN_3D,
    TAPE
}
