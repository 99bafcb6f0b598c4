#!/usr/bin/env python3
"""Where a JMH benchmark spends its time, from the JFR recording of `-prof jfr`.

usage: benchmarks/jfr-hot-methods.py PROFILE.jfr BENCHMARK_METHOD [TOP]

Prints, over the execution samples whose stack contains BENCHMARK_METHOD, the share of samples in
which each method is on the stack (inclusive: the method and what it calls) and at the top (self).
JDK 17's `jfr` has no aggregated view (`jfr view` arrived in 21), hence this script.
"""
import collections
import json
import subprocess
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    recording, benchmark = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    printed = subprocess.run(
        ["jfr", "print", "--json", "--events", "jdk.ExecutionSample", "--stack-depth", "64", recording],
        capture_output=True, text=True, check=True).stdout
    inclusive, self_time, samples = collections.Counter(), collections.Counter(), 0
    for event in json.loads(printed)["recording"]["events"]:
        frames = event["values"]["stackTrace"]["frames"]
        names = [f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"] for f in frames]
        at = next((i for i, name in enumerate(names) if name.endswith("." + benchmark)), None)
        if at is None:
            continue
        samples += 1
        self_time[names[0]] += 1
        # The benchmark method and what it calls; the JMH harness above it is on every sample.
        inclusive.update(set(names[: at + 1]))
    print(f"{samples} samples in {benchmark}")
    print("inclusive:")
    for name, n in inclusive.most_common(top):
        print(f"  {100 * n / samples:5.1f}%  {name}")
    print("self:")
    for name, n in self_time.most_common(top):
        print(f"  {100 * n / samples:5.1f}%  {name}")


if __name__ == "__main__":
    main()
