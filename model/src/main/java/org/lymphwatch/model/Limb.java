package org.lymphwatch.model;

/** The limb a reading or patient record is about. */
public enum Limb {
    ARM,
    LEG
}
