package org.lymphwatch.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.lymphwatch.gateway.Credential.Kind;

/**
 * The gateway's credentials: a text file with one line per enrolled device or patient app, holding
 * the SHA-256 of the token's secret, never the token. A token is {@code lw.<keyId>.<secret>}: the
 * key id (48 random bits, hex) names the line, the secret is 256 random bits (base64url). A stolen
 * file therefore lets nobody in, and the key id lets the gateway find the line without comparing
 * secrets one by one; the hash comparison itself is constant-time.
 *
 * <p>Line format (tab-separated): {@code kind keyId subject patientId sha256(secret) enrolledAt}.
 * The command line edits the file (atomic replace under a lock file); a running gateway picks up
 * changes with the next request, so a revocation takes effect without a restart.
 */
public final class TokenStore {

    private static final String PREFIX = "lw";
    private static final Pattern TOKEN =
            Pattern.compile("lw\\.([0-9a-f]{12})\\.([A-Za-z0-9_-]{43})");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(Credential credential, byte[] secretHash, Instant enrolledAt) {}

    private final Path file;
    private volatile Map<String, Entry> byKeyId;
    private volatile Object loaded;

    private TokenStore(Path file) {
        this.file = file;
        reload();
    }

    /** Opens (without creating) the store a gateway authenticates against. */
    public static TokenStore open(Path file) {
        return new TokenStore(file);
    }

    /**
     * The credential this {@code Authorization} bearer token belongs to, or null when the token is
     * malformed, unknown, revoked or wrong.
     */
    public Credential authenticate(String token) {
        if (token == null) {
            return null;
        }
        var m = TOKEN.matcher(token);
        if (!m.matches()) {
            return null;
        }
        reloadIfChanged();
        Entry e = byKeyId.get(m.group(1));
        byte[] presented = sha256(m.group(2));
        // Hash the presented secret even for an unknown key id, and compare in constant time, so
        // the answer time says nothing about which part was wrong.
        byte[] expected = e == null ? new byte[presented.length] : e.secretHash();
        boolean matches = MessageDigest.isEqual(presented, expected);
        return e != null && matches ? e.credential() : null;
    }

    /**
     * Enrols a device for a patient, replacing the device's earlier token if it had one.
     *
     * @return the token, to hand to the device once; it is not stored
     */
    public static String enrolDevice(Path file, String deviceId, String patientId) {
        return enrol(file, Kind.DEVICE, deviceId, patientId);
    }

    /**
     * Enrols a patient's app, replacing the patient's earlier app token if there was one.
     *
     * @return the token, to hand to the patient once; it is not stored
     */
    public static String enrolPatient(Path file, String patientId) {
        return enrol(file, Kind.PATIENT, patientId, patientId);
    }

    /**
     * Revokes every credential of this kind and subject.
     *
     * @return how many were revoked (0 when none was enrolled)
     */
    public static int revoke(Path file, Kind kind, String subject) {
        return update(
                file,
                entries -> {
                    int before = entries.size();
                    entries.removeIf(sameSubject(kind, subject));
                    return before - entries.size();
                });
    }

    /**
     * Enrols many devices in one rewrite of the file (a clinic handing out a batch of devices, or
     * the simulator enrolling its cohort's devices).
     *
     * @param patientOfDevice device id → patient id
     * @return device id → token, to hand to each device once
     */
    public static Map<String, String> enrolDevices(Path file, Map<String, String> patientOfDevice) {
        Map<String, String> tokens = new LinkedHashMap<>();
        List<Entry> added = new ArrayList<>();
        patientOfDevice.forEach(
                (device, patient) -> {
                    String secret = newSecret();
                    Entry e = newEntry(Kind.DEVICE, device, patient, secret);
                    added.add(e);
                    tokens.put(device, token(e, secret));
                });
        update(
                file,
                entries -> {
                    entries.removeIf(
                            e ->
                                    e.credential().kind() == Kind.DEVICE
                                            && patientOfDevice.containsKey(
                                                    e.credential().subject()));
                    entries.addAll(added);
                    return added.size();
                });
        return tokens;
    }

    private static String enrol(Path file, Kind kind, String subject, String patientId) {
        String secret = newSecret();
        Entry entry = newEntry(kind, subject, patientId, secret);
        update(
                file,
                entries -> {
                    entries.removeIf(sameSubject(kind, subject));
                    entries.add(entry);
                    return 1;
                });
        return token(entry, secret);
    }

    private static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static Entry newEntry(Kind kind, String subject, String patientId, String secret) {
        requireId(subject);
        requireId(patientId);
        byte[] keyBytes = new byte[6];
        RANDOM.nextBytes(keyBytes);
        return new Entry(
                new Credential(kind, HexFormat.of().formatHex(keyBytes), subject, patientId),
                sha256(secret),
                Instant.now());
    }

    private static String token(Entry e, String secret) {
        return PREFIX + "." + e.credential().keyId() + "." + secret;
    }

    private static Predicate<Entry> sameSubject(Kind kind, String subject) {
        return e -> e.credential().kind() == kind && e.credential().subject().equals(subject);
    }

    private static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "ids are pseudonymous: letters, digits and ._:- only, at most 64, was " + id);
        }
    }

    private interface Change {
        int apply(List<Entry> entries);
    }

    /** Read, change and atomically replace the file, holding a lock file against other editors. */
    private static int update(Path file, Change change) {
        Path lock = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel channel =
                        FileChannel.open(
                                lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            List<Entry> entries = new ArrayList<>(read(file).values());
            int changed = change.apply(entries);
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tokens", ".tmp");
            try {
                restrictToOwner(tmp);
                Files.writeString(tmp, format(entries), StandardCharsets.UTF_8);
                try {
                    Files.move(
                            tmp,
                            file,
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return changed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the token store " + file, e);
        }
    }

    private static void restrictToOwner(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; the directory's permissions have to protect it.
        }
    }

    private static String format(List<Entry> entries) {
        StringBuilder out =
                new StringBuilder(
                        "# lymphwatch gateway tokens: kind, key id, subject, patient,"
                                + " sha256(secret), enrolled at. No tokens here, only hashes.\n");
        for (Entry e : entries) {
            Credential c = e.credential();
            out.append(c.kind())
                    .append('\t')
                    .append(c.keyId())
                    .append('\t')
                    .append(c.subject())
                    .append('\t')
                    .append(c.patientId())
                    .append('\t')
                    .append(HexFormat.of().formatHex(e.secretHash()))
                    .append('\t')
                    .append(e.enrolledAt())
                    .append('\n');
        }
        return out.toString();
    }

    private static Map<String, Entry> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            try {
                entries.add(
                        new Entry(
                                new Credential(Kind.valueOf(f[0]), f[1], f[2], f[3]),
                                HexFormat.of().parseHex(f[4]),
                                Instant.parse(f[5])));
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        file + ":" + (i + 1) + ": not a token store line", e);
            }
        }
        return entries.stream()
                .collect(
                        Collectors.toMap(
                                e -> e.credential().keyId(),
                                e -> e,
                                (a, b) -> b,
                                LinkedHashMap::new));
    }

    /** One stat per request: a revocation takes effect with the next request. */
    private void reloadIfChanged() {
        if (!version().equals(loaded)) {
            reload();
        }
    }

    /** What identifies one version of the file: the command line replaces it, never edits it. */
    private Object version() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(a.lastModifiedTime(), a.size(), a.fileKey() == null ? "" : a.fileKey());
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token store " + file, e);
        }
    }

    private synchronized void reload() {
        try {
            Object version = version();
            byKeyId = read(file);
            loaded = version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token store " + file, e);
        }
    }

    /** How many credentials are enrolled. */
    public int size() {
        reloadIfChanged();
        return byKeyId.size();
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
