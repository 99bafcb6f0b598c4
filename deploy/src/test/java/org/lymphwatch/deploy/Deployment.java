package org.lymphwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The files of the docker-compose deployment as the containers see them: the compose file, the
 * files it mounts and .env.example, read from the repository root.
 */
final class Deployment {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Where deploy/kafka/make-secrets.sh puts the broker's key store and CA (git ignores it). */
    static final String SECRETS = "deploy/kafka/secrets";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?][^}]*)?}");

    private Deployment() {}

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    static String text(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML file with its anchors resolved, as a JSON tree. */
    static JsonNode yaml(String relative) {
        try (Reader r = Files.newBufferedReader(file(relative))) {
            Object tree = new Yaml().load(r);
            return new ObjectMapper().valueToTree(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode compose() {
        return yaml("docker-compose.yml");
    }

    static JsonNode service(String name) {
        JsonNode s = compose().path("services").path(name);
        if (s.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return s;
    }

    static Properties properties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The variables .env.example sets, with their example values. */
    static Map<String, String> envExample() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : text(".env.example").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    /** The names of the ${VARIABLES} a text refers to. */
    static Set<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Container path to host path (relative to the root) of a service's bind mounts. */
    static Map<String, String> bindMounts(JsonNode service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (JsonNode v : service.path("volumes")) {
            List<String> parts = volumeParts(v.asText());
            if (parts.get(0).startsWith("./")) {
                mounts.put(parts.get(1), parts.get(0).substring(2));
            }
        }
        return mounts;
    }

    /** SOURCE:TARGET[:MODE] split at the colons outside ${VARIABLE:-default}. */
    static List<String> volumeParts(String volume) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < volume.length(); i++) {
            char c = volume.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ':' && depth == 0) {
                parts.add(volume.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(volume.substring(start));
        return parts;
    }
}
