package org.lymphwatch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --tokens FILE}: the gateway's token store, for the commands that edit it. */
final class TokenStoreOption {

    @Option(
            names = "--tokens",
            paramLabel = "FILE",
            description = "the gateway's token store (default: ${DEFAULT-VALUE})")
    Path tokens = Path.of("gateway.tokens");
}
