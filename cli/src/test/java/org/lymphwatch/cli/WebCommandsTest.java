package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.web.Clinicians;
import picocli.CommandLine;

class WebCommandsTest {

    @TempDir Path dir;
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Lymphwatch.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void addClinicianStoresAHashThatVerifies() throws Exception {
        Path file = dir.resolve("clinicians.txt");
        InputStream stdin = System.in;
        try {
            System.setIn(
                    new ByteArrayInputStream(
                            "a long enough password\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(
                            run(
                                    "add-clinician",
                                    "c-0007",
                                    "--file",
                                    file.toString(),
                                    "--password-stdin"))
                    .isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(Files.readString(file)).doesNotContain("a long enough password");
        assertThat(Clinicians.load(file).verify("c-0007", "a long enough password".toCharArray()))
                .isTrue();
    }

    @Test
    void addClinicianRefusesANameAsId() {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("a long enough password\n".getBytes()));
            assertThat(
                            run(
                                    "add-clinician",
                                    "Jane Doe",
                                    "--file",
                                    dir.resolve("c.txt").toString(),
                                    "--password-stdin"))
                    .isEqualTo(Lymphwatch.BAD_INPUT);
        } finally {
            System.setIn(stdin);
        }
        assertThat(err.toString()).contains("no names or spaces");
        assertThat(dir.resolve("c.txt")).doesNotExist();
    }

    @Test
    void webWithoutKafkaSaysWhichSettingIsMissing() throws Exception {
        Path config = dir.resolve("web.properties");
        Files.writeString(config, "questdb.jdbcUrl=jdbc:postgresql://127.0.0.1:8812/qdb\n");
        assertThat(run("web", "--config", config.toString())).isEqualTo(Lymphwatch.BAD_INPUT);
        assertThat(err.toString().strip())
                .contains("kafka.bootstrap is required")
                .doesNotContain("\n");
    }
}
