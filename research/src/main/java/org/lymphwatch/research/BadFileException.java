package org.lymphwatch.research;

import java.nio.file.Path;

/** An input file that breaks its contract; the message names the file and, where known, line. */
public final class BadFileException extends RuntimeException {

    public BadFileException(String message) {
        super(message);
    }

    static BadFileException atLine(Path file, long line, String problem) {
        return new BadFileException(file + ":" + line + ": " + problem);
    }
}
