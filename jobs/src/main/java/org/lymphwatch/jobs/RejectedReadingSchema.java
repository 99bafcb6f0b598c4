package org.lymphwatch.jobs;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.lymphwatch.model.RejectedReading;
import org.lymphwatch.model.RejectedReadingJson;

/** A dead letter as the JSON value of a {@code readings-rejected} record. */
public final class RejectedReadingSchema implements SerializationSchema<RejectedReading> {

    @Override
    public byte[] serialize(RejectedReading rejected) {
        return RejectedReadingJson.write(rejected).getBytes(StandardCharsets.UTF_8);
    }
}
