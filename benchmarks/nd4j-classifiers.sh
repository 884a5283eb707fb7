#!/usr/bin/env bash
# Compares ND4J native builds (classifiers) on the same ResNet conv stack: the ground4j backbone builder
# (ResNet-50 layout, BatchNorm folded, explicit padding) at one input size, 1 and 2 threads.
# JVMs alternate between classifiers (A B C A B C ...) so that drift in the machine hits all alike.
# Usage: benchmarks/nd4j-classifiers.sh [rounds=3] [size=320] [depth=50]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; SIZE=${2:-320}; DEPTH=${3:-50}
CLASSIFIERS=(linux-x86_64-onednn-avx2 linux-x86_64-onednn-avx512 linux-x86_64)
OUT=benchmarks/results/nd4j-classifiers.tsv
mkdir -p benchmarks/results
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q install -DskipTests -Dspotless.check.skip=true -pl benchmarks -am
  for c in "${CLASSIFIERS[@]}"; do
    mvn -B -q -pl benchmarks -am dependency:build-classpath -Dnd4j.classifier="$c" \
        -Dmdep.outputFile="$PWD/benchmarks/target/cp-$c.txt"
  done
fi
printf 'classifier\tthreads\tdepth\twidth\tsize\tgmac\tmedian_ms\tmin_ms\tmax_ms\tgflops\n' > "$OUT.tmp"
for r in $(seq "$ROUNDS"); do
  for t in 1 2; do
    for c in "${CLASSIFIERS[@]}"; do
      OMP_NUM_THREADS=$t java -Xmx4g -cp "benchmarks/target/classes:$(cat "benchmarks/target/cp-$c.txt")" \
        org.ground4j.benchmarks.ConvStackBench "$DEPTH" 64 "$SIZE" 2 5 "$c" 2>/dev/null | tee -a "$OUT.tmp"
    done
  done
done
mv "$OUT.tmp" "$OUT"
echo "== per classifier and threads: median and best over rounds of per-JVM medians (ms per forward) =="
python3 - "$OUT" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
keys = sorted({(r['classifier'], r['threads']) for r in rows}, key=lambda k: (k[1], k[0]))
for c, t in keys:
    ms = sorted(float(r['median_ms']) for r in rows if (r['classifier'], r['threads']) == (c, t))
    g = [float(r['gflops']) for r in rows if (r['classifier'], r['threads']) == (c, t)]
    print(f"{c:28s} threads={t}  median {statistics.median(ms):8.1f} ms  best {ms[0]:8.1f} ms  ({max(g):.1f} GFLOP/s best)")
PY
