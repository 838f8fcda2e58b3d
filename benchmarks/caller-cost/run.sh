#!/usr/bin/env bash
# Caller-cost suite: ours, Log4j 2 and Logback in one run, each from its own jar (own JVM forks),
# at 1 and 2 threads, with JMH's GC profiler; prints the Markdown table of docs/benchmarks.md.
#   benchmarks/caller-cost/run.sh           full run (about 45 minutes: 30 of JMH, 15 end to end)
#   benchmarks/caller-cost/run.sh --quick   a few minutes, wide error bars: for checking only
# E2E_PER_THREAD sets the end-to-end run's entries per thread (default 500000), E2E_ROUNDS its rounds
# per JVM (default 9), E2E_PAIRS how often the libraries alternate (default 3).
# Build first: ./mvnw -q -B -pl benchmarks/caller-cost/platform-logger,benchmarks/caller-cost/log4j2,benchmarks/caller-cost/logback -am package -DskipTests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/target/results"
mkdir -p "$out"
if [ "${1:-}" = "--quick" ]; then
  opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
else
  opts=(-f 2 -wi 4 -w 2s -i 5 -r 3s)
fi
# platform-logger-spool: ours again with the durable spool on (production's default); the anchors
# keep nothing on disk, so the like-for-like table is the one without it.
# platform-logger[-spool]-block: ours with queue.overflow=block (callers wait, at most 10 ms a call,
# as Log4j 2's do), for the end-to-end run: both then deliver everything over the same work.
jar_of() { local l="${1%-block}"; echo "$here/${l%-spool}/target/benchmarks.jar"; }
jvm_of() {
  local l="${1%-block}" o=""
  [ "$l" != "$1" ] && o=" -Dbench.overflow=block"
  case "$l" in *-spool) echo "-Dbench.spool=true$o" ;; *) echo "-Dbench.spool=false$o" ;; esac
}
libs=(platform-logger platform-logger-spool log4j2 logback)
threads_of() { case "$1" in *-spool) echo "1" ;; *) echo "1 2" ;; esac; } # the spool rows: 1 thread is enough to show its cost
for lib in "${libs[@]}"; do
  for t in $(threads_of "$lib"); do
    java -jar "$(jar_of "$lib")" "${opts[@]}" -t "$t" -prof gc -jvmArgsAppend "$(jvm_of "$lib")" \
      -rf json -rff "$out/$lib-t$t.json" 2>&1 | tee "$out/$lib-t$t.log" | grep -E '^(Benchmark|[A-Za-z0-9]+CallerCost\.)' || true
  done
done
java -cp "$here/platform-logger/target/benchmarks.jar" \
  io.platformlogger.benchmarks.callercost.CallerCostReport "$out" | tee "$out/table.md"
echo
echo "the same with our spool on:"
java -cp "$here/platform-logger/target/benchmarks.jar" \
  io.platformlogger.benchmarks.callercost.CallerCostReport "$out" platform-logger-spool | tee "$out/table-spool.md"
echo
echo "end-to-end throughput (as fast as the callers can; ${E2E_ROUNDS:-9} rounds, the first third warm-up, median of the rest;"
echo "libraries alternate, E2E_PAIRS times (default 3), so a burst of load elsewhere hits all alike):"
rm -f "$out/throughput.txt"
for pair in $(seq 1 "${E2E_PAIRS:-3}"); do
  for t in 1 2; do
    for lib in platform-logger platform-logger-block platform-logger-spool platform-logger-spool-block log4j2 logback; do
      # shellcheck disable=SC2046 # jvm_of gives one or two options
      java $(jvm_of "$lib") -cp "$(jar_of "$lib")" io.platformlogger.benchmarks.callercost.EndToEndThroughput "$t" "${E2E_PER_THREAD:-500000}" "${E2E_ROUNDS:-9}" \
        2>&1 | grep '^\[throughput\]' | sed "s/^/pair $pair $(uptime | sed 's/.*load average: //;s/,.*//') /" | tee -a "$out/throughput.txt"
    done
  done
done
echo
echo "delivery (calls vs entries that reached the output, last iteration of each fork):"
grep -H "\[delivery\]" "$out"/*.log | sed "s#^$out/##" | awk -F: "{last[\$1]=\$0} END {for (k in last) print last[k]}" | sort || true
