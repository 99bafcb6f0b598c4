package org.lymphwatch.jobs;

/**
 * One record for a Kafka output topic ({@code alerts}, {@code patient-status} or {@code
 * readings-rejected}), already in its contract JSON: one transactional sink writes them all.
 *
 * @param key the patientId, or null for a dead letter whose patient is unknown
 */
public record TopicRecord(String topic, String key, String value) {}
