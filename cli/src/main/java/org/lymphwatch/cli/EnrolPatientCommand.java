package org.lymphwatch.cli;

import java.util.concurrent.Callable;
import org.lymphwatch.gateway.TokenStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Enrols a patient's app and prints its token, once. */
@Command(
        name = "enrol-patient",
        mixinStandardHelpOptions = true,
        description = {
            "Enrol a patient's app at the gateway and print its bearer token once.",
            "The token reads only this patient's status; enrolling again replaces it."
        })
final class EnrolPatientCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--patient", required = true, description = "pseudonymous patient id")
    String patient;

    @Mixin TokenStoreOption store;

    @Override
    public Integer call() {
        String token;
        try {
            token = TokenStore.enrolPatient(store.tokens, patient);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        spec.commandLine().getOut().println(token);
        return 0;
    }
}
