package org.lymphwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.lymphwatch.jobs.JobConfig;
import org.lymphwatch.jobs.Outcome;
import org.lymphwatch.simulators.KafkaPublisher;

/**
 * docker-compose.yml and every file it mounts agree with each other and with the code: the topics
 * the job and the simulator use are the ones created before anything publishes, InfluxDB, Grafana
 * and the job name the same org, bucket and token variables, and the dashboards and Flink
 * configuration are mounted where their consumers look for them. No Docker engine needed.
 */
class ComposeContractTest {

    private static final Pattern CREATED_TOPIC = Pattern.compile("(?m)^create ([a-z-]+)(.*)$");

    @Test
    void everyTopicTheJobAndSimulatorUseIsCreatedBeforeAnythingPublishes() throws Exception {
        Map<String, String> created = createdTopics();
        JobConfig.Topics topics = jobConfig().topics();
        Set<String> used =
                new LinkedHashSet<>(
                        List.of(
                                topics.readings(),
                                topics.rejected(),
                                topics.patients(),
                                topics.alerts(),
                                topics.status(),
                                topics.actions(),
                                KafkaPublisher.PATIENTS_TOPIC,
                                KafkaPublisher.READINGS_TOPIC));
        assertThat(created.keySet()).containsExactlyInAnyOrderElementsOf(used);
        // Consumers need only the latest record per patient of these two.
        created.forEach(
                (topic, options) ->
                        assertThat(options.contains("cleanup.policy=compact"))
                                .as(topic)
                                .isEqualTo(
                                        topic.equals(topics.patients())
                                                || topic.equals(topics.status())));
        assertThat(
                        Deployment.properties(Deployment.text("deploy/kafka/server.properties"))
                                .getProperty("auto.create.topics.enable"))
                .isEqualTo("false");

        JsonNode init = Deployment.service("kafka-init");
        assertThat(init.path("depends_on").path("kafka").path("condition").asText())
                .isEqualTo("service_healthy");
        for (String publisher : List.of("jobmanager", "simulator", "gateway", "web")) {
            assertThat(
                            Deployment.service(publisher)
                                    .path("depends_on")
                                    .path("kafka-init")
                                    .path("condition")
                                    .asText())
                    .as(publisher)
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void theJobReachesKafkaAndInfluxByTheirServiceNamesWithTheOrgBucketAndTokenFromEnv()
            throws Exception {
        Map<String, String> env = environment(Deployment.service("jobmanager"));
        // The job reads these over its properties file; compose sets each from its .env namesake.
        for (String name : JOB_ENV.keySet()) {
            assertThat(Deployment.variables(env.get(name))).as(name).containsExactly(name);
        }
        JobConfig config = jobConfig();
        assertThat(config.influxOrg()).isEqualTo("clinic-org");
        assertThat(config.influxBucket()).isEqualTo("clinic-bucket");
        assertThat(config.influxToken()).isEqualTo("t0ken");
        assertThat(config.kafkaBootstrap()).isEqualTo(advertisedListener("INTERNAL"));
        assertThat(config.influxUrl()).isEqualTo("http://influxdb:8086");
        assertThat(Deployment.service("simulator").path("command").toString())
                .contains("\"--kafka\",\"" + advertisedListener("INTERNAL") + "\"");
    }

    @Test
    void thePipelineDashboardCountsOnlyOutcomesTheJobWrites() throws Exception {
        Set<String> outcomes = new LinkedHashSet<>();
        for (Field f : Outcome.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                outcomes.add((String) f.get(null));
            }
        }
        Matcher m =
                Pattern.compile("r\\.outcome == \\\\\"([A-Z_]+)\\\\\"")
                        .matcher(
                                Deployment.text(
                                        "dashboards/grafana/dashboards/pipeline-health.json"));
        Set<String> shown = new LinkedHashSet<>();
        while (m.find()) {
            shown.add(m.group(1));
        }
        assertThat(shown).isNotEmpty();
        assertThat(outcomes).containsAll(shown);
    }

    @Test
    void influxDbGrafanaAndTheJobNameTheSameOrgBucketAndToken() {
        Map<String, String> influx = environment(Deployment.service("influxdb"));
        Map<String, String> grafana = environment(Deployment.service("grafana"));
        Map<String, String> job = environment(Deployment.service("jobmanager"));
        Map<String, String> sameAs =
                Map.of(
                        "DOCKER_INFLUXDB_INIT_ORG", "LYMPHWATCH_INFLUX_ORG",
                        "DOCKER_INFLUXDB_INIT_BUCKET", "LYMPHWATCH_INFLUX_BUCKET",
                        "DOCKER_INFLUXDB_INIT_ADMIN_TOKEN", "LYMPHWATCH_INFLUX_TOKEN");
        sameAs.forEach(
                (init, name) -> {
                    Set<String> source = Deployment.variables(influx.get(init));
                    assertThat(source).as(init).containsExactly(name);
                    assertThat(Deployment.variables(grafana.get(name))).as(name).isEqualTo(source);
                    assertThat(Deployment.variables(job.get(name))).as(name).isEqualTo(source);
                });
        // Same defaults everywhere, so an .env without org or bucket still agrees.
        assertThat(grafana.get("LYMPHWATCH_INFLUX_ORG"))
                .isEqualTo(influx.get("DOCKER_INFLUXDB_INIT_ORG"))
                .isEqualTo(job.get("LYMPHWATCH_INFLUX_ORG"));
        assertThat(grafana.get("LYMPHWATCH_INFLUX_BUCKET"))
                .isEqualTo(influx.get("DOCKER_INFLUXDB_INIT_BUCKET"))
                .isEqualTo(job.get("LYMPHWATCH_INFLUX_BUCKET"));

        // The provisioned datasource reads exactly the variables Grafana's container is given.
        String datasourcePath =
                Deployment.bindMounts(Deployment.service("grafana"))
                                .get("/etc/grafana/provisioning")
                        + "/datasources/influxdb.yml";
        JsonNode datasource = Deployment.yaml(datasourcePath).path("datasources").get(0);
        assertThat(grafana)
                .containsKeys(Deployment.variables(datasource.toString()).toArray(String[]::new));
        assertThat(datasource.path("jsonData").path("organization").asText())
                .isEqualTo("${LYMPHWATCH_INFLUX_ORG}");
        assertThat(datasource.path("jsonData").path("defaultBucket").asText())
                .isEqualTo("${LYMPHWATCH_INFLUX_BUCKET}");
        assertThat(datasource.path("secureJsonData").path("token").asText())
                .isEqualTo("${LYMPHWATCH_INFLUX_TOKEN}");
        assertThat(grafana.get("LYMPHWATCH_INFLUX_URL")).isEqualTo("http://influxdb:8086");
    }

    @Test
    void grafanaLoadsTheDashboardsFromWhereTheyAreMounted() {
        JsonNode grafana = Deployment.service("grafana");
        Map<String, String> mounts = Deployment.bindMounts(grafana);
        JsonNode provider =
                Deployment.yaml(
                                mounts.get("/etc/grafana/provisioning")
                                        + "/dashboards/lymphwatch.yml")
                        .path("providers")
                        .get(0);
        String path = provider.path("options").path("path").asText();
        assertThat(mounts).containsKey(path);
        assertThat(mounts.get(path)).isEqualTo("dashboards/grafana/dashboards");
        String home = environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(home).startsWith(path + "/");
        assertThat(Deployment.file(mounts.get(path) + home.substring(path.length()))).exists();
    }

    @Test
    void bothFlinkContainersRunTheJobJarWithTheSameConfigurationAndCheckpointVolume()
            throws Exception {
        JsonNode jobmanager = Deployment.service("jobmanager");
        JsonNode taskmanager = Deployment.service("taskmanager");
        assertThat(taskmanager.path("volumes")).isEqualTo(jobmanager.path("volumes"));
        assertThat(taskmanager.path("environment")).isEqualTo(jobmanager.path("environment"));
        Map<String, String> mounts = Deployment.bindMounts(jobmanager);
        for (String hostFile : mounts.values()) {
            // Build output and deploy/kafka/make-secrets.sh's output exist only where deployed.
            if (!hostFile.contains("/target/") && !hostFile.startsWith(Deployment.SECRETS)) {
                assertThat(Deployment.file(hostFile)).as(hostFile).isRegularFile();
            }
        }
        // The jar is the one the jobs module builds (shade classifier "flink").
        assertThat(mounts.get("/opt/flink/usrlib/lymphwatch-jobs.jar"))
                .isEqualTo(
                        "jobs/target/${LYMPHWATCH_JOB_JAR:-lymphwatch-jobs-0.1.0-SNAPSHOT-flink.jar}");
        assertThat(Deployment.text("jobs/pom.xml"))
                .contains("<shadedClassifierName>flink</shadedClassifierName>");
        assertThat(Deployment.envExample().get("LYMPHWATCH_JOB_JAR"))
                .isEqualTo("lymphwatch-jobs-" + projectVersion() + "-flink.jar");

        List<String> command =
                StreamSupport.stream(jobmanager.path("command").spliterator(), false)
                        .map(JsonNode::asText)
                        .toList();
        assertThat(command.subList(0, 3))
                .containsExactly(
                        "standalone-job", "--job-classname", "org.lymphwatch.jobs.JobMain");
        assertThat(Deployment.file("jobs/src/main/java/org/lymphwatch/jobs/JobMain.java")).exists();
        assertThat(command.subList(3, 5))
                .containsExactly("--config", "/opt/lymphwatch/job.properties");
        assertThat(mounts.get("/opt/lymphwatch/job.properties"))
                .isEqualTo("deploy/flink/job.properties");

        JsonNode flink = Deployment.yaml(mounts.get("/opt/lymphwatch/config.yaml"));
        assertThat(flink.path("jobmanager.rpc.address").asText()).isEqualTo("jobmanager");
        Set<String> volumes = new LinkedHashSet<>();
        for (JsonNode v : jobmanager.path("volumes")) {
            volumes.add(Deployment.volumeParts(v.asText()).get(1));
        }
        JobConfig job = jobConfig();
        assertThat(job.stateBackend()).isEqualTo("rocksdb");
        for (String dir :
                List.of(
                        job.checkpointDirectory(),
                        flink.path("execution.checkpointing.savepoint-dir").asText())) {
            assertThat(volumes).as(dir).contains(dir.replaceFirst("^file://", ""));
        }
    }

    @Test
    void everyDependencyWaitsForAHealthCheckThatExists() {
        JsonNode services = Deployment.compose().path("services");
        services.fields()
                .forEachRemaining(
                        s ->
                                s.getValue()
                                        .path("depends_on")
                                        .fields()
                                        .forEachRemaining(
                                                d -> {
                                                    String condition =
                                                            d.getValue().path("condition").asText();
                                                    assertThat(condition)
                                                            .as(s.getKey() + " -> " + d.getKey())
                                                            .isIn(
                                                                    "service_healthy",
                                                                    "service_completed_successfully");
                                                    if (condition.equals("service_healthy")) {
                                                        assertThat(
                                                                        services.path(d.getKey())
                                                                                .has("healthcheck"))
                                                                .as(d.getKey())
                                                                .isTrue();
                                                    }
                                                }));
        assertThat(Deployment.compose().has("name")).isFalse();
        assertThat(Deployment.service("kafka").path("command").toString())
                .contains("--feature transaction.version=1");
    }

    @Test
    void everyVariableIsDocumentedInEnvExampleAndNoSecretIsCommitted() {
        Set<String> used = Deployment.variables(Deployment.text("docker-compose.yml"));
        Map<String, String> example = Deployment.envExample();
        assertThat(example.keySet()).containsAll(used);
        for (String secret :
                List.of(
                        "LYMPHWATCH_INFLUX_TOKEN",
                        "INFLUXDB_ADMIN_PASSWORD",
                        "GRAFANA_ADMIN_PASSWORD",
                        "KAFKA_SSL_KEYSTORE_PASSWORD",
                        "KAFKA_ADMIN_PASSWORD",
                        "KAFKA_GATEWAY_PASSWORD",
                        "KAFKA_JOB_PASSWORD",
                        "KAFKA_WEBAPP_PASSWORD")) {
            assertThat(used).contains(secret);
            assertThat(example.get(secret)).as(secret).isEmpty();
            // No default either: an unset secret must not silently become a known value.
            assertThat(Deployment.text("docker-compose.yml")).doesNotContain("${" + secret + ":-");
        }
        assertThat(Deployment.text(".gitignore")).containsPattern("(?m)^\\.env$");
        assertThat(Deployment.text(".gitignore")).contains("/" + Deployment.SECRETS + "/");
        // The simulator's user is optional (no simulator in production), but never has a value.
        assertThat(example.get("KAFKA_SIMULATOR_PASSWORD")).isEmpty();
    }

    /** Values standing in for .env, under the names the job reads them by. */
    private static final Map<String, String> JOB_ENV =
            Map.of(
                    JobConfig.envName("influx.org"),
                    "clinic-org",
                    JobConfig.envName("influx.bucket"),
                    "clinic-bucket",
                    JobConfig.TOKEN_ENV,
                    "t0ken");

    /** deploy/flink/job.properties as the job loads it in the JobManager container. */
    private static JobConfig jobConfig() throws IOException {
        return JobConfig.load(Deployment.file("deploy/flink/job.properties"), JOB_ENV);
    }

    private static Map<String, String> createdTopics() {
        Map<String, String> created = new HashMap<>();
        Matcher m = CREATED_TOPIC.matcher(Deployment.text("deploy/kafka/create-topics.sh"));
        while (m.find()) {
            created.put(m.group(1), m.group(2));
        }
        return created;
    }

    private static String advertisedListener(String name) {
        String listeners =
                Deployment.properties(Deployment.text("deploy/kafka/server.properties"))
                        .getProperty("advertised.listeners");
        for (String l : listeners.split(",")) {
            if (l.startsWith(name + "://")) {
                return l.substring(name.length() + 3);
            }
        }
        throw new AssertionError("no advertised listener " + name);
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new HashMap<>();
        service.path("environment")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private static String projectVersion() {
        Matcher m =
                Pattern.compile("<version>([^<]+)</version>")
                        .matcher(Deployment.text("deploy/pom.xml"));
        if (!m.find()) {
            throw new AssertionError("deploy/pom.xml has no parent version");
        }
        return m.group(1);
    }
}
