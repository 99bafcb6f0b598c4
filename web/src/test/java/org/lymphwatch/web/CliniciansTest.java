package org.lymphwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliniciansTest {

    @TempDir Path dir;

    @Test
    void onlyTheRightPasswordOfAKnownClinicianVerifies() throws Exception {
        Path file = dir.resolve("clinicians.txt");
        Clinicians.add(file, "c-0001", "first password 1".toCharArray(), 4);
        Clinicians.add(file, "c-0002", "second password 2".toCharArray(), 4);
        Clinicians clinicians = Clinicians.load(file);
        assertThat(clinicians.verify("c-0001", "first password 1".toCharArray())).isTrue();
        assertThat(clinicians.verify("c-0002", "second password 2".toCharArray())).isTrue();
        assertThat(clinicians.verify("c-0001", "second password 2".toCharArray())).isFalse();
        assertThat(clinicians.verify("c-0003", "first password 1".toCharArray())).isFalse();
    }

    @Test
    void theFileHoldsBcryptHashesReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("clinicians.txt");
        Clinicians.add(file, "c-0001", "first password 1".toCharArray(), 4);
        Clinicians.add(file, "c-0001", "changed password".toCharArray(), 4);
        String text = Files.readString(file);
        assertThat(text).doesNotContain("password").containsOnlyOnce("c-0001:$2y$04$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Clinicians.load(file).verify("c-0001", "changed password".toCharArray()))
                .isTrue();
    }

    @Test
    void namesAndShortPasswordsAreRefused() {
        Path file = dir.resolve("clinicians.txt");
        assertThatThrownBy(
                        () ->
                                Clinicians.add(
                                        file, "Dr Jane Doe", "long enough pw".toCharArray(), 4))
                .hasMessageContaining("no names or spaces");
        assertThatThrownBy(() -> Clinicians.add(file, "c-0001", "short".toCharArray(), 4))
                .hasMessageContaining("at least 12 characters");
    }
}
