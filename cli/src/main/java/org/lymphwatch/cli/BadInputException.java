package org.lymphwatch.cli;

/**
 * A problem with what the user gave us (a file, a line in it, an option), reported as one line and
 * exit code 2. The message names the file and line.
 */
public final class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public static BadInputException atLine(java.nio.file.Path file, long line, String problem) {
        return new BadInputException(file + ":" + line + ": " + problem);
    }
}
