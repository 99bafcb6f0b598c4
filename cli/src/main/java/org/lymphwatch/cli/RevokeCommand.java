package org.lymphwatch.cli;

import java.util.concurrent.Callable;
import org.lymphwatch.gateway.Credential;
import org.lymphwatch.gateway.TokenStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Revokes a device's or a patient app's token; a running gateway refuses it from then on. */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = {
            "Revoke the token of a device (--device) or of a patient's app (--patient).",
            "A running gateway refuses it from its next request on."
        })
final class RevokeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    static final class Subject {
        @Option(names = "--device", description = "device id")
        String device;

        @Option(names = "--patient", description = "patient id (the patient's app token)")
        String patient;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    @Mixin TokenStoreOption store;

    @Override
    public Integer call() {
        boolean device = subject.device != null;
        String id = device ? subject.device : subject.patient;
        int revoked =
                TokenStore.revoke(
                        store.tokens,
                        device ? Credential.Kind.DEVICE : Credential.Kind.PATIENT,
                        id);
        if (revoked == 0) {
            throw new BadInputException(
                    store.tokens
                            + ": no token enrolled for "
                            + (device ? "device " : "patient ")
                            + id);
        }
        spec.commandLine()
                .getOut()
                .println("revoked the token of " + (device ? "device " : "patient ") + id);
        return 0;
    }
}
