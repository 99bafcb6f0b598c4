package org.lymphwatch.jobs;

/**
 * A message from topic {@code readings} before validation: the bytes as sent and when Kafka
 * received them (the record timestamp), which is what a device's clock is checked against.
 */
public record RawReading(byte[] value, long receivedAtMillis) {}
