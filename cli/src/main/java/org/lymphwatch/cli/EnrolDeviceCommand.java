package org.lymphwatch.cli;

import java.util.concurrent.Callable;
import org.lymphwatch.gateway.TokenStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Enrols a home device for one patient and prints its token, once. */
@Command(
        name = "enrol-device",
        mixinStandardHelpOptions = true,
        description = {
            "Enrol a device for one patient at the gateway and print its bearer token once.",
            "Only a hash of the token is stored; enrolling the device again replaces its token."
        })
final class EnrolDeviceCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--patient", required = true, description = "pseudonymous patient id")
    String patient;

    @Option(names = "--device", required = true, description = "device id")
    String device;

    @Mixin TokenStoreOption store;

    @Override
    public Integer call() {
        String token;
        try {
            token = TokenStore.enrolDevice(store.tokens, device, patient);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        spec.commandLine().getOut().println(token);
        return 0;
    }
}
