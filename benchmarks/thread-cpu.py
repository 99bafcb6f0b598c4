#!/usr/bin/env python3
"""Where a whole `bench` or `replay` JVM spends its CPU, per thread, from /proc.

usage: benchmarks/thread-cpu.py OUT -- COMMAND [ARG...]

Runs COMMAND (a `./lymphwatch` command: the launcher execs java, so the process is the JVM), reads
every thread's user and system CPU from /proc/PID/task/*/stat twice a second, and writes OUT.out and
OUT.err (the command's output) and OUT.cpu: CPU seconds per thread group, over the whole run and over
the job's window. JFR samples only Java code; this also counts the JIT compilers, the garbage
collector and the kernel time of the embedded store's file work.

Thread groups fold digits (`wal-apply_#`); Linux keeps 15 characters of a thread's name, so
`C# CompilerThre` are the JIT compilers, `monitor patient` the monitor task with its store writer,
`Source: reading` the readings source with validation, `data-plane-kafk` the broker's request
handlers, and `wal-apply_#`, `shared-write_#`, `shared-network_` the embedded QuestDB.

The job's window runs from the first poll that sees a thread whose name starts with $JOB_THREAD
(default `Source: reading`, the job's readings source) to the last poll at which that thread's CPU
still grew. A thread that has ended keeps its last reading, so nothing it used is lost.
"""
import collections
import os
import re
import subprocess
import sys
import time

POLL_SECONDS = 0.5


def group(name):
    return re.sub(r"\d+", "#", name)


def read_threads(pid):
    """thread id -> (name, user s, system s) of the live threads of pid."""
    ticks = os.sysconf("SC_CLK_TCK")
    threads = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return threads
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        # utime and stime are fields 14 and 15 of stat(5); fields here start at field 3.
        threads[tid] = (name, int(fields[11]) / ticks, int(fields[12]) / ticks)
    return threads


def by_group(threads):
    groups = collections.defaultdict(lambda: [0.0, 0.0])
    for name, user, system in threads.values():
        g = groups[group(name)]
        g[0] += user
        g[1] += system
    return groups


def table(title, groups, out):
    total = sum(u + s for u, s in groups.values())
    print(f"{title}: {total:.1f} CPU s", file=out)
    print("  CPU s  share   user    sys  threads", file=out)
    for name, (user, system) in sorted(groups.items(), key=lambda g: -sum(g[1])):
        if user + system >= 0.2:
            cpu = user + system
            print(f"{cpu:7.1f} {100 * cpu / total:5.1f}% {user:6.1f} {system:6.1f}  {name}", file=out)


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    out, command = sys.argv[1], sys.argv[3:]
    job_thread = os.environ.get("JOB_THREAD", "Source: reading")
    with open(out + ".out", "w") as stdout, open(out + ".err", "w") as stderr:
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        started = time.time()
        seen = {}  # thread id -> its last reading, kept after the thread ends
        window_start = window_end = None
        job_cpu = -1.0
        while process.poll() is None:
            seen.update(read_threads(process.pid))
            now = time.time() - started
            cpu = sum(u + s for n, u, s in seen.values() if n.startswith(job_thread))
            if cpu > 0 and window_start is None:
                window_start = (now, {k: list(v) for k, v in by_group(seen).items()})
            if window_start is not None and cpu > job_cpu:
                job_cpu = cpu
                window_end = (now, {k: list(v) for k, v in by_group(seen).items()})
            time.sleep(POLL_SECONDS)
        wall = time.time() - started
    with open(out + ".cpu", "w") as report:
        print(f"$ {' '.join(command)}  (exit {process.returncode}, {wall:.1f} s)", file=report)
        table("whole run", by_group(seen), report)
        if window_start and window_end:
            (t0, before), (t1, after) = window_start, window_end
            delta = {
                k: [v[0] - before.get(k, [0, 0])[0], v[1] - before.get(k, [0, 0])[1]]
                for k, v in after.items()
            }
            table(f"job window, {t0:.1f}-{t1:.1f} s ({t1 - t0:.1f} s)", delta, report)
    with open(out + ".cpu") as report:
        sys.stdout.write(report.read())
    sys.exit(process.returncode)


if __name__ == "__main__":
    main()
