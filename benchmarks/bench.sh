#!/usr/bin/env bash
# ground4j benchmarks: one command for the end-to-end table (org.ground4j.benchmarks.Bench) and the JMH
# microbenchmarks. Builds the benchmarks module (and the modules it needs) when the build is missing or older than
# the sources. See benchmarks/README.md for what the table means.
#
#   benchmarks/bench.sh [Bench options]          the table; e.g. --threads "1 2" --runs 5 --rows encoder,backbone
#   benchmarks/bench.sh --peers [options]        adds ONNX Runtime and PyTorch on the same ResNet-101 (builds with
#                                                the Maven profile peers, which fetches onnxruntime once)
#   benchmarks/bench.sh jmh [JMH options]        the microbenchmarks (e.g. jmh AssignmentBench -p n=100)
#   benchmarks/bench.sh --help                   Bench's options
#
# Environment: MVN_FLAGS (extra Maven flags, e.g. -o), JAVA_OPTS (the parent JVM), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."

PEERS=0
for a in "$@"; do [[ "$a" == "--peers" ]] && PEERS=1; done

JAR=benchmarks/target/ground4j-benchmarks-0.1.0-SNAPSHOT.jar
CP_FILE=benchmarks/target/classpath.txt
ORT_CLASS=benchmarks/target/classes/org/ground4j/benchmarks/ort/OrtPeer.class

needs_build() {
  [[ ! -f "$JAR" || ! -f "$CP_FILE" ]] && return 0
  [[ $PEERS == 1 && ! -f "$ORT_CLASS" ]] && return 0
  [[ $PEERS == 1 ]] && ! grep -q onnxruntime "$CP_FILE" && return 0
  # any source or pom of the modules the benchmarks use newer than the jar
  [[ -n "$(find pom.xml core infer eval train benchmarks -newer "$JAR" \( -name '*.java' -o -name pom.xml \
      -o -path '*/src/main/resources/*' \) -not -path '*/target/*' -print -quit 2>/dev/null)" ]]
}

if [[ -z "${SKIP_BUILD:-}" ]] && needs_build; then
  profile=(); [[ $PEERS == 1 ]] && profile=(-Ppeers)
  echo "bench.sh: building benchmarks (mvn -pl benchmarks -am package -DskipTests ${profile[*]:-})" >&2
  # one Maven build at a time in this checkout
  lock=(); command -v flock >/dev/null && lock=(flock /tmp/ground4j-mvn.lock)
  "${lock[@]}" mvn -B -q ${MVN_FLAGS:-} "${profile[@]}" -pl benchmarks -am package -DskipTests
fi
if [[ $PEERS == 1 ]] && ! grep -q onnxruntime "$CP_FILE"; then
  echo "bench.sh: ONNX Runtime is not on the benchmarks classpath; the ONNX Runtime peer will be reported missing" >&2
fi
if [[ $PEERS == 1 ]]; then
  if ! /usr/bin/python3 -c 'import torch, torchvision' 2>/dev/null; then
    echo "bench.sh: no PyTorch under /usr/bin/python3 (apt-get install python3-torch python3-torchvision): the" \
        "PyTorch peer will be reported missing" >&2
  elif [[ ! -f benchmarks/peers/models/resnet101-seed0.safetensors || ! -f benchmarks/peers/models/resnet101-640.onnx ]]
  then
    # the peers' shared network, written once (~20 s, 2 x 170 MB); other input sizes: make_resnet101.py --size N
    echo "bench.sh: writing the peers' ResNet-101 (benchmarks/peers/make_resnet101.py)" >&2
    OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} /usr/bin/python3 benchmarks/peers/make_resnet101.py >&2
  fi
fi

CP="$JAR:$(cat "$CP_FILE")"
export OPT_OUT_TRACKING=true
if [[ "${1:-}" == "jmh" ]]; then
  shift
  # JMH forks a JVM per benchmark with this classpath; -rf/-rff keep a machine-readable copy
  mkdir -p benchmarks/results
  exec java ${JAVA_OPTS:-} -Doffline=true -Djava.awt.headless=true -cp "$CP" org.openjdk.jmh.Main \
      -rf text -rff benchmarks/results/jmh-latest.txt "$@"
fi
exec java ${JAVA_OPTS:--Xmx1g} -Doffline=true -Djava.awt.headless=true -cp "$CP" org.ground4j.benchmarks.Bench "$@"
