package org.lymphwatch.simulators;

import java.util.List;
import org.lymphwatch.model.Reading;

/** One use of a device, e.g. both arms on the perometer: the readings it sends, in order. */
record Session(Device device, List<Reading> readings) {}
