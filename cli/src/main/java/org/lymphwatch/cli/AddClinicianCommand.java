package org.lymphwatch.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.lymphwatch.web.Clinicians;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Adds a clinician account (or replaces its password) in the web app's accounts file. The password
 * is read from the terminal without echo, or from standard input with --password-stdin, never from
 * the command line, where other users and the shell history would see it.
 */
@Command(
        name = "add-clinician",
        mixinStandardHelpOptions = true,
        description = "Add a clinician account (bcrypt hash) to the web app's accounts file.")
final class AddClinicianCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "clinician id, e.g. c-0042 (an id, not a name)")
    String clinicianId;

    @Option(
            names = "--file",
            defaultValue = "clinicians.txt",
            description = "accounts file (default: ${DEFAULT-VALUE})")
    Path file;

    @Option(names = "--password-stdin", description = "read the password from standard input")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
        char[] password = readPassword();
        try {
            Clinicians.add(file, clinicianId, password, Clinicians.COST);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
        System.out.println("clinician " + clinicianId + " saved in " + file);
        return 0;
    }

    private char[] readPassword() throws IOException {
        Console console = System.console();
        if (!passwordStdin && console != null) {
            char[] first = console.readPassword("Password for %s: ", clinicianId);
            char[] again = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, again)) {
                throw new BadInputException("the passwords differ");
            }
            return first;
        }
        String line =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        .readLine();
        if (line == null) {
            throw new BadInputException("no password on standard input");
        }
        return line.toCharArray();
    }
}
