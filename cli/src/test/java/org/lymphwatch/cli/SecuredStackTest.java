package org.lymphwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lymphwatch.embedded.EmbeddedKafka;
import org.lymphwatch.embedded.EmbeddedQuestDb;
import org.lymphwatch.embedded.KafkaSecurity;
import org.lymphwatch.embedded.SelfSignedCertificate;
import org.lymphwatch.gateway.Gateway;
import org.lymphwatch.gateway.GatewayConfig;
import org.lymphwatch.gateway.TokenStore;
import org.lymphwatch.jobs.JobConfig;
import org.lymphwatch.simulators.CohortConfig;
import org.lymphwatch.simulators.CohortGenerator;
import org.lymphwatch.simulators.FaultRates;
import org.lymphwatch.simulators.GatewayPublisher;
import org.lymphwatch.simulators.KafkaPublisher;

/**
 * The gateway and the monitoring job on a locked-down broker (SASL_SSL, SCRAM, ACLs): each logged
 * in as its own user with only the ACLs of the README's security model, they carry devices'
 * readings through to every patient's status.
 */
class SecuredStackTest {

    private static final CohortConfig COHORT =
            CohortConfig.of(3, 40, 8L).withFaults(FaultRates.NONE);

    @TempDir Path dir;

    @Test
    void gatewayAndJobWorkWithOnlyTheirOwnAcls() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir, "test-only-password");
        KafkaSecurity security = KafkaSecurity.forTest(cert, "gateway", "job");
        JobConfig.Topics t = JobConfig.Topics.DEFAULT;
        try (EmbeddedKafka kafka = EmbeddedKafka.startSecured(security);
                EmbeddedQuestDb store = EmbeddedQuestDb.start()) {
            kafka.createTopics(1, t.readings(), t.rejected(), t.alerts(), t.actions());
            kafka.createCompactedTopic(t.patients(), 1);
            kafka.createCompactedTopic(t.status(), 1);
            grantSecurityModel(kafka, t);

            Map<String, String> admin = new HashMap<>(security.clientProperties("admin"));
            try (KafkaPublisher registry = new KafkaPublisher(kafka.bootstrapServers(), admin)) {
                registry.publishPatients(CohortGenerator.stream(COHORT));
            }
            Path tokens = dir.resolve("gateway.tokens");
            Map<String, String> gatewayClient = new HashMap<>(security.clientProperties("gateway"));
            gatewayClient.put("bootstrap.servers", kafka.bootstrapServers());
            try (Gateway gateway =
                    Gateway.start(
                            GatewayConfig.builder(kafka.bootstrapServers(), tokens)
                                    .kafka(gatewayClient)
                                    .build())) {
                GatewayPublisher.Report report =
                        new GatewayPublisher(
                                        URI.create(gateway.url()),
                                        TokenStore.enrolDevices(
                                                tokens,
                                                GatewayPublisher.devices(
                                                        CohortGenerator.stream(COHORT))),
                                        GatewayPublisher.Options.DEFAULT)
                                .publish(CohortGenerator.stream(COHORT), 0, (m, at, d) -> {});
                assertThat(report.refused()).isZero();
                assertThat(report.stored()).isNotEmpty();
            }

            DeviceToPatientAppTest.runJob(jobConfig(kafka, store, security));

            Set<String> withStatus =
                    kafka.readAllCommitted(t.status()).stream()
                            .map(r -> r.key())
                            .collect(Collectors.toSet());
            assertThat(withStatus).hasSize(COHORT.patients());
        }
    }

    /** The README's table: the gateway writes readings and reads statuses; the job its topics. */
    private static void grantSecurityModel(EmbeddedKafka kafka, JobConfig.Topics t) {
        kafka.grant("gateway", t.readings(), AclOperation.WRITE, AclOperation.DESCRIBE);
        kafka.grant("gateway", t.status(), AclOperation.READ, AclOperation.DESCRIBE);
        for (String in : new String[] {t.readings(), t.patients(), t.actions()}) {
            kafka.grant("job", in, AclOperation.READ, AclOperation.DESCRIBE);
        }
        for (String out : new String[] {t.alerts(), t.status(), t.rejected()}) {
            kafka.grant("job", out, AclOperation.WRITE, AclOperation.DESCRIBE);
        }
        kafka.grant(
                "job",
                new ResourcePattern(ResourceType.GROUP, "lymphwatch", PatternType.PREFIXED),
                AclOperation.READ,
                AclOperation.DESCRIBE);
        kafka.grant(
                "job",
                new ResourcePattern(
                        ResourceType.TRANSACTIONAL_ID, "lymphwatch", PatternType.PREFIXED),
                AclOperation.WRITE,
                AclOperation.DESCRIBE);
    }

    private JobConfig jobConfig(EmbeddedKafka kafka, EmbeddedQuestDb store, KafkaSecurity security)
            throws Exception {
        StringBuilder p = new StringBuilder();
        p.append("kafka.bootstrap=").append(kafka.bootstrapServers()).append('\n');
        p.append("influx.url=").append(store.influxUrl()).append('\n');
        p.append("bounded=true\n");
        security.clientProperties("job")
                .forEach(
                        (k, v) ->
                                p.append("kafka.client.")
                                        .append(k)
                                        .append('=')
                                        .append(v.replace("\\", "\\\\"))
                                        .append('\n'));
        Path file = dir.resolve("job.properties");
        Files.writeString(file, p);
        return JobConfig.load(file, Map.of(JobConfig.TOKEN_ENV, EmbeddedStack.LOCAL_TOKEN));
    }
}
