#!/usr/bin/env bash
# The end-to-end figures of BENCHMARKS.md beyond a-d, one step at a time or all in a row:
#   benchmarks/e2e-figures.sh [checkpoint|latency|recovery|scale|scale-replay|scale-rocksdb|scale-100k|cpu|threads]...
#   (default: the first four)
# Cohorts go to $BENCH_DIR (default /tmp/lymphwatch-bench), made once; each run's output, the load
# average before and after, and a JFR recording go there too. Runs are sequential on purpose: on a
# 2-core machine two at a time would measure each other.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${BENCH_DIR:-/tmp/lymphwatch-bench}"
mkdir -p "$dir/jfr"

cohort() { # patients days: the simulated cohort, seed 1
  local out="$dir/p$1-d$2"
  [ -f "$out/readings.jsonl" ] || "$here/lymphwatch" simulate --patients "$1" --days "$2" --seed 1 --out "$out" >&2
  echo "$out"
}

bench() { # name cohort-dir bench-options...
  local name="$1" in="$2"; shift 2
  {
    echo "== $name $(date -u +%FT%TZ) nproc $(nproc), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "\$ ./lymphwatch bench --in $in $*"
    LYMPHWATCH_JAVA_OPTS="-Xmx8g -XX:StartFlightRecording=filename=$dir/jfr/$name.jfr,settings=default \
      -Dlog4j2.configurationFile=$here/benchmarks/bench-log4j2.xml" \
      "$here/lymphwatch" bench --in "$in" "$@" 2>"$dir/$name.log" | grep --line-buffered '^bench:' \
      || echo "bench: FAILED, see $dir/$name.log"
    echo "== $name done $(date -u +%FT%TZ), load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee -a "$dir/figures.txt"
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(checkpoint latency recovery scale)
for step in "${steps[@]}"; do
  case "$step" in
    # The full job without checkpoints and with one every second, twice in turn on the same
    # readings: the first job run of a JVM also pays for JIT compilation, so the second pair counts.
    checkpoint) bench checkpoint "$(cohort 1000 180)" --runs nocheckpoint,c,nocheckpoint,c ;;
    # The last 30,000 readings at 300/s, after the rest of the half year went through fast.
    latency) bench latency "$(cohort 1000 180)" --runs latency --paced 30000 --rate 300 ;;
    # 10k patients, 45 days each (the monitor keeps 44 days): c, c with one task failure, c
    # again; the failure run is compared with the warm c after it.
    recovery) bench recovery "$(cohort 10000 45)" --runs c,failure,c ;;
    # About 1.5 M readings over 1k, 10k and 100k patients (1,000, 110 and 14 days). Add "a," to
    # --runs for a pass-through beside each, telling how busy the machine was during that run.
    scale)
      bench scale-100000 "$(cohort 100000 14)" --runs savepoint
      bench scale-1000 "$(cohort 1000 1000)" --runs savepoint
      bench scale-10000 "$(cohort 10000 110)" --runs savepoint ;;
    # The same three publishing every status at most once a minute, as `replay` does (the live
    # job publishes a change within a second, a patient's readings at most once a minute).
    scale-replay)
      bench scale-100000-replay "$(cohort 100000 14)" --runs savepoint --status-interval PT1M
      bench scale-1000-replay "$(cohort 1000 1000)" --runs savepoint --status-interval PT1M
      bench scale-10000-replay "$(cohort 10000 110)" --runs savepoint --status-interval PT1M ;;
    # The 100k cohort again with RocksDB and incremental checkpoints (only changed patients), and
    # with the heap backend alone, to run back to back with it.
    scale-rocksdb) bench scale-100000-rocksdb "$(cohort 100000 14)" --runs savepoint --state-backend rocksdb ;;
    scale-100k) bench scale-100000-again "$(cohort 100000 14)" --runs savepoint ;;
    # CPU seconds of the whole JVM (job, broker, store) for a, a,a,a, c and c,c,c on the
    # 1,000 x 730-day cohort, one JVM each: R,R,R minus R is what two warm runs of R cost, so
    # publishing, start-up and the coldest run cancel out.
    cpu)
      in="$(cohort 1000 730)"
      for runs in a a,a,a c c,c,c; do
        {
          echo "== cpu $runs $(date -u +%FT%TZ), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
          TIMEFORMAT="cpu $runs: user %U s, sys %S s, wall %R s"
          time (LYMPHWATCH_JAVA_OPTS="-Xmx8g" "$here/lymphwatch" bench --in "$in" --runs "$runs" \
            2>"$dir/cpu-$runs.log" | grep '^bench: [ac] ')
        } 2>&1 | tee -a "$dir/figures.txt"
      done ;;
    # Issue 9's comparison, per thread: a pass-through and `replay` of the 1,000 x 730-day cohort,
    # one JVM each, twice in turn, under benchmarks/thread-cpu.py (CPU per thread group over the
    # whole run and the job's window, JIT, GC and the store's kernel time included).
    threads)
      in="$(cohort 1000 730)"
      for pair in 1 2; do
        for run in a replay; do
          name="$dir/threads-$run-$pair"
          {
            echo "== threads $run $pair $(date -u +%FT%TZ), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
            if [ "$run" = a ]; then
              LYMPHWATCH_JAVA_OPTS="-Xmx8g" "$here/benchmarks/thread-cpu.py" "$name" -- \
                "$here/lymphwatch" bench --in "$in" --runs a >/dev/null
              grep '^bench: a ' "$name.out"
            else
              rm -rf "$dir/replay-out"
              LYMPHWATCH_JAVA_OPTS="-Xmx8g" "$here/benchmarks/thread-cpu.py" "$name" -- \
                "$here/lymphwatch" replay --in "$in" --out "$dir/replay-out" >/dev/null
              tr '\r' '\n' <"$name.out" | grep 'readings/s$' | tail -1
            fi
            sed -n '/^job window/,$p' "$name.cpu" | head -12
          } 2>&1 | tee -a "$dir/figures.txt"
        done
      done ;;
    *) echo "unknown step $step" >&2; exit 2 ;;
  esac
done
