package org.lymphwatch.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** The golden messages under src/test/resources/golden: valid/ and invalid/REASON-*.json. */
final class Golden {

    /** Receipt time the golden messages were written against. */
    static final Instant RECEIVED_AT = Instant.parse("2026-03-01T08:00:00Z");

    private Golden() {}

    static List<Path> files(String folder) {
        try (Stream<Path> s =
                Files.list(Path.of(Golden.class.getResource("/golden/" + folder).toURI()))) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RejectReason expectedReason(Path invalid) {
        String name = invalid.getFileName().toString();
        return RejectReason.valueOf(name.substring(0, name.indexOf('-')));
    }
}
