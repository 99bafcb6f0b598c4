#!/usr/bin/env python3
"""Where a JMH benchmark or a `bench` run spends its time, from a JFR recording.

usage: benchmarks/jfr-hot-methods.py PROFILE.jfr METHOD [TOP] [--between HH:MM:SS HH:MM:SS]

Prints, over the execution samples whose stack contains METHOD, the share of samples in which
each method is on the stack (inclusive: the method and what it calls) and at the top (self), and
the share of each thread (digits in thread names folded, so a pool counts as one).
METHOD `-` takes every sample: the whole JVM of a `bench` run (job, broker and store together).
--between keeps the samples of a time window (UTC), e.g. one run of several in one JVM.
JDK 17's `jfr` has no aggregated view (`jfr view` arrived in 21), hence this script.
"""
import collections
import json
import re
import subprocess
import sys


def main():
    args = sys.argv[1:]
    window = None
    if "--between" in args:
        at = args.index("--between")
        window = (args[at + 1], args[at + 2])
        del args[at : at + 3]
    if len(args) < 2:
        sys.exit(__doc__)
    recording, benchmark = args[0], args[1]
    top = int(args[2]) if len(args) > 2 else 25
    printed = subprocess.run(
        ["jfr", "print", "--json", "--events", "jdk.ExecutionSample", "--stack-depth", "64", recording],
        capture_output=True, text=True, check=True).stdout
    inclusive, self_time, threads, samples = (collections.Counter(), collections.Counter(),
                                              collections.Counter(), 0)
    for event in json.loads(printed)["recording"]["events"]:
        values = event["values"]
        if window is not None:
            # startTime is ISO-8601 in UTC, e.g. 2026-11-29T00:37:45.123456789Z
            clock = values["startTime"][11:19]
            if not window[0] <= clock < window[1]:
                continue
        frames = values["stackTrace"]["frames"]
        names = [f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"] for f in frames]
        if benchmark == "-":
            at = len(names) - 1
        else:
            at = next((i for i, name in enumerate(names) if name.endswith("." + benchmark)), None)
        if at is None:
            continue
        samples += 1
        self_time[names[0]] += 1
        # The method and what it calls; a harness above it is on every sample.
        inclusive.update(set(names[: at + 1]))
        thread = (values.get("sampledThread") or {}).get("javaName") or "?"
        threads[re.sub(r"\d+", "N", thread)] += 1
    print(f"{samples} samples in {benchmark}")
    for title, counter in (("inclusive:", inclusive), ("self:", self_time), ("threads:", threads)):
        print(title)
        for name, n in counter.most_common(top):
            print(f"  {100 * n / max(1, samples):5.1f}%  {name}")


if __name__ == "__main__":
    main()
