package org.lymphwatch.jobs.influx;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything logged while open, messages with stack traces: what an operator would see. The sink's
 * own package logs at every level meanwhile, everything else at the configured levels.
 */
public final class CapturedLogs implements AutoCloseable {

    private static final String SINK_LOGGER = "org.lymphwatch.jobs.influx";

    private final List<String> entries = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;

    public CapturedLogs() {
        appender =
                new AbstractAppender("captured", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        StringWriter entry = new StringWriter();
                        entry.append(event.getLoggerName())
                                .append(' ')
                                .append(event.getMessage().getFormattedMessage());
                        if (event.getThrown() != null) {
                            entry.append('\n');
                            event.getThrown().printStackTrace(new PrintWriter(entry));
                        }
                        entries.add(entry.toString());
                    }
                };
        appender.start();
        Configuration config = context.getConfiguration();
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        LoggerConfig sink = new LoggerConfig(SINK_LOGGER, Level.ALL, false);
        sink.addAppender(appender, Level.ALL, null);
        config.addLogger(SINK_LOGGER, sink);
        context.updateLoggers();
    }

    public List<String> entries() {
        return entries;
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        config.removeLogger(SINK_LOGGER);
        context.updateLoggers();
        appender.stop();
    }
}
