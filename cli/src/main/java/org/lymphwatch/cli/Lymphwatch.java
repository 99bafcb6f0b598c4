package org.lymphwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./lymphwatch} command line. Exit codes: 0 success, 2 bad usage or bad input files. */
@Command(
        name = "lymphwatch",
        mixinStandardHelpOptions = true,
        version = "lymphwatch 0.1.0",
        description = "Remote monitoring for lymphedema: simulate, analyze, replay, monitor.",
        subcommands = {
            CommandLine.HelpCommand.class,
            JobCommand.class,
            SimulateCommand.class,
            AnalyzeCommand.class,
            EvaluateCommand.class,
            SweepCommand.class,
            ImportCsvCommand.class,
            ReplayCommand.class,
            BenchCommand.class,
            DemoCommand.class,
            WebCommand.class,
            AddClinicianCommand.class,
            GatewayCommand.class,
            EnrolDeviceCommand.class,
            EnrolPatientCommand.class,
            RevokeCommand.class
        })
public final class Lymphwatch implements Runnable {

    public static final int BAD_INPUT = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run commands through it exactly as the launcher does. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Lymphwatch());
        cl.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cl.setParameterExceptionHandler(
                (ex, args) -> {
                    ex.getCommandLine().getErr().println("lymphwatch: " + ex.getMessage());
                    ex.getCommandLine().usage(ex.getCommandLine().getErr());
                    return BAD_INPUT;
                });
        cl.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> {
                    if (ex instanceof BadInputException) {
                        commandLine.getErr().println("lymphwatch: " + ex.getMessage());
                        return BAD_INPUT;
                    }
                    throw ex;
                });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
