#!/usr/bin/env bash
# Caller-cost suite: ours, Log4j 2 and Logback in one run, each from its own jar (own JVM forks),
# at 1 and 2 threads, with JMH's GC profiler; prints the Markdown table of docs/benchmarks.md.
#   benchmarks/caller-cost/run.sh           full run (about 25 minutes)
#   benchmarks/caller-cost/run.sh --quick   a few minutes, wide error bars: for checking only
# E2E_PER_THREAD sets the end-to-end run's entries per thread (default 500000).
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
for lib in platform-logger log4j2 logback; do
  for t in 1 2; do
    java -jar "$here/$lib/target/benchmarks.jar" "${opts[@]}" -t "$t" -prof gc \
      -rf json -rff "$out/$lib-t$t.json" 2>&1 | tee "$out/$lib-t$t.log" | grep -E '^(Benchmark|[A-Za-z0-9]+CallerCost\.)' || true
  done
done
java -cp "$here/platform-logger/target/benchmarks.jar" \
  io.platformlogger.benchmarks.callercost.CallerCostReport "$out" | tee "$out/table.md"
echo
echo "end-to-end throughput (as fast as the callers can; 3 rounds, the last reported):"
for lib in platform-logger log4j2 logback; do
  for t in 1 2; do
    java -cp "$here/$lib/target/benchmarks.jar" io.platformlogger.benchmarks.callercost.EndToEndThroughput "$t" "${E2E_PER_THREAD:-500000}" 3 \
      2>&1 | grep '^\[throughput\]' | tee -a "$out/throughput.txt"
  done
done
echo
echo "delivery (calls vs entries that reached the output, last iteration of each fork):"
grep -H "\[delivery\]" "$out"/*.log | sed "s#^$out/##" | awk -F: "{last[\$1]=\$0} END {for (k in last) print last[k]}" | sort || true
