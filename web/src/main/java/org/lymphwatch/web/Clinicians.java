package org.lymphwatch.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.lymphwatch.model.PseudonymousId;

/**
 * Clinician accounts: a file of {@code clinicianId:bcrypt-hash} lines, one per clinician, written
 * by {@code ./lymphwatch add-clinician}. Only hashes are stored; a password is checked with bcrypt
 * (BouncyCastle), which costs the same whether or not the clinician exists.
 */
public final class Clinicians {

    /** bcrypt work factor of new hashes: about 0.2 s per check on one core of this machine. */
    public static final int COST = 12;

    private static final int MIN_PASSWORD_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> hashes;
    // Checked when the id is unknown, so a wrong id takes as long as a wrong password.
    private final String unknownIdHash = hash("not a password of anyone".toCharArray(), 4);

    private Clinicians(Map<String, String> hashes) {
        this.hashes = hashes;
    }

    public static Clinicians load(Path file) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        if (Files.exists(file)) {
            int lineNo = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon < 1 || !PseudonymousId.isValid(line.substring(0, colon))) {
                    throw new IOException(
                            file + ":" + lineNo + ": expected clinicianId:bcrypt-hash");
                }
                hashes.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return new Clinicians(hashes);
    }

    public boolean isEmpty() {
        return hashes.isEmpty();
    }

    /** True if this clinician exists and the password is theirs. */
    public boolean verify(String clinicianId, char[] password) {
        String hash = clinicianId == null ? null : hashes.get(clinicianId);
        if (hash == null) {
            OpenBSDBCrypt.checkPassword(unknownIdHash, password);
            return false;
        }
        return OpenBSDBCrypt.checkPassword(hash, password);
    }

    /**
     * Adds or replaces one clinician's hash in the file, written whole to a temporary file and
     * moved into place, readable by its owner only.
     *
     * @throws IllegalArgumentException if the id is not a pseudonymous id or the password is short
     */
    public static void add(Path file, String clinicianId, char[] password, int cost)
            throws IOException {
        // Clinician ids travel in alert actions as "by": the same shape as every other id.
        if (!PseudonymousId.isValid(clinicianId)) {
            throw new IllegalArgumentException(
                    "clinician id must match "
                            + PseudonymousId.PATTERN.pattern()
                            + " (no names or spaces)");
        }
        if (password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        Map<String, String> hashes = new LinkedHashMap<>(load(file).hashes);
        hashes.put(clinicianId, hash(password, cost));
        StringBuilder text = new StringBuilder("# lymphwatch clinicians: id:bcrypt-hash\n");
        hashes.forEach((id, hash) -> text.append(id).append(':').append(hash).append('\n'));
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tmp = Files.createTempFile(absolute.getParent(), ".clinicians", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's permissions apply.
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(
                tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String hash(char[] password, int cost) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password, salt, cost);
    }
}
