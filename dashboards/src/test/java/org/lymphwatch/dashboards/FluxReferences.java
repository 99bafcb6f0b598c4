package org.lymphwatch.dashboards;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lymphwatch.model.store.Measurement;

/**
 * What one Flux query reads from the store: the measurements it filters on, the fields it names,
 * the columns (tags and pivoted fields) it touches, and the columns it makes itself with map().
 * Good enough for the disciplined style of our dashboards, where every row function's parameter is
 * {@code r}; {@link #problems} flags any other name, so nothing escapes the check unseen.
 */
record FluxReferences(
        Set<String> measurements,
        Set<String> fields,
        Set<String> columns,
        Set<String> tags,
        Set<String> madeColumns,
        Set<String> rowParameters) {

    private static final Pattern MEASUREMENT =
            Pattern.compile("\\br\\._measurement\\s*[!=]=\\s*\"([^\"]*)\"");
    private static final Pattern FIELD = Pattern.compile("\\br\\._field\\s*[!=]=\\s*\"([^\"]*)\"");
    private static final Pattern ROW_COLUMN =
            Pattern.compile("\\br(?:\\.([A-Za-z_]\\w*)|\\[\\s*\"([^\"]+)\"\\s*])");
    private static final Pattern COLUMN_LIST =
            Pattern.compile("\\b(?:columns|rowKey|columnKey|on)\\s*:\\s*\\[([^\\]]*)]");
    private static final Pattern SINGLE_COLUMN =
            Pattern.compile("\\b(?:column|valueColumn)\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TAG = Pattern.compile("\\btag\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern ROW_FUNCTION = Pattern.compile("\\(\\s*(\\w+)\\s*\\)\\s*=>");
    private static final Pattern MAP_RECORD = Pattern.compile("=>\\s*\\(\\s*\\{");

    static FluxReferences of(String query) {
        String flux = withoutComments(query);
        Set<String> columns = new LinkedHashSet<>();
        Matcher m = ROW_COLUMN.matcher(flux);
        while (m.find()) {
            columns.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        Matcher lists = COLUMN_LIST.matcher(flux);
        while (lists.find()) {
            columns.addAll(all(QUOTED, lists.group(1)));
        }
        columns.addAll(all(SINGLE_COLUMN, flux));
        return new FluxReferences(
                all(MEASUREMENT, flux),
                all(FIELD, flux),
                columns,
                all(TAG, flux),
                madeColumns(flux),
                all(ROW_FUNCTION, flux));
    }

    /** Every reference the store does not have, as a readable sentence; empty when all is well. */
    List<String> problems(List<Measurement> store) {
        List<String> problems = new ArrayList<>();
        for (String p : rowParameters) {
            if (!p.equals("r")) {
                problems.add("row function parameter '" + p + "' (write (r) => so it is checked)");
            }
        }
        if (measurements.isEmpty()) {
            problems.add("no r._measurement filter");
        }
        List<Measurement> used = new ArrayList<>();
        for (String name : measurements) {
            store.stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .ifPresentOrElse(
                            used::add, () -> problems.add("unknown measurement '" + name + "'"));
        }
        if (used.size() < measurements.size()) {
            return problems;
        }
        for (String f : fields) {
            if (used.stream().noneMatch(x -> x.fields().containsKey(f))) {
                problems.add("field '" + f + "' is not in " + measurements);
            }
        }
        for (String t : tags) {
            if (used.stream().noneMatch(x -> x.tags().contains(t))) {
                problems.add("tag '" + t + "' is not in " + measurements);
            }
        }
        for (String c : columns) {
            boolean builtIn = c.startsWith("_");
            boolean stored =
                    used.stream().anyMatch(x -> x.tags().contains(c) || x.fields().containsKey(c));
            if (!builtIn && !stored && !madeColumns.contains(c)) {
                problems.add("column '" + c + "' is neither a tag nor a field of " + measurements);
            }
        }
        return problems;
    }

    private static Set<String> all(Pattern p, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Keys of the records that map() functions build: {@code ({r with a: ..., b: ...})}. */
    private static Set<String> madeColumns(String flux) {
        Set<String> made = new LinkedHashSet<>();
        Matcher m = MAP_RECORD.matcher(flux);
        while (m.find()) {
            int depth = 0;
            boolean keyMayFollow = false;
            for (int i = m.end() - 1; i < flux.length(); i++) {
                char c = flux.charAt(i);
                if (c == '"') {
                    i = flux.indexOf('"', i + 1);
                    keyMayFollow = false;
                } else if (c == '(' || c == '[' || c == '{') {
                    depth++;
                    keyMayFollow = depth == 1;
                } else if (c == ')' || c == ']' || c == '}') {
                    if (--depth == 0) {
                        break;
                    }
                } else if (depth == 1 && c == ',') {
                    keyMayFollow = true;
                } else if (Character.isJavaIdentifierStart(c)) {
                    int end = i;
                    while (end < flux.length()
                            && Character.isJavaIdentifierPart(flux.charAt(end))) {
                        end++;
                    }
                    String word = flux.substring(i, end);
                    int next = end;
                    while (next < flux.length() && Character.isWhitespace(flux.charAt(next))) {
                        next++;
                    }
                    if (depth == 1
                            && keyMayFollow
                            && next < flux.length()
                            && flux.charAt(next) == ':') {
                        made.add(word);
                    }
                    keyMayFollow = depth == 1 && word.equals("with");
                    i = end - 1;
                } else if (!Character.isWhitespace(c)) {
                    keyMayFollow = false;
                }
            }
        }
        return made;
    }

    private static String withoutComments(String flux) {
        StringBuilder out = new StringBuilder();
        for (String line : flux.split("\n", -1)) {
            boolean quoted = false;
            int cut = line.length();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted
                        && c == '/'
                        && i + 1 < line.length()
                        && line.charAt(i + 1) == '/') {
                    cut = i;
                    break;
                }
            }
            out.append(line, 0, cut).append('\n');
        }
        return out.toString();
    }
}
