package org.lymphwatch.model.store;

/** Type of an InfluxDB field as the line protocol writes it. */
public enum FieldType {
    DOUBLE,
    LONG,
    STRING,
    BOOLEAN
}
