#!/usr/bin/env bash
# Fuzzes every archive reader with Jazzer (core's ParserFuzzTest), one target after the other.
#
#   core/src/test/fuzz/fuzz-parsers.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 300; TARGET defaults to all of them. Each target starts from its
# regression inputs (core/src/test/resources/.../ParserFuzzTestInputs/TARGET/) plus, on the first
# run, every real page or export of testdata/ (under 64 KiB) that suits it, copied into its
# working corpus core/.cifuzz-corpus/ (kept between runs, ignored by git). A crash, an exception,
# a broken invariant or a hang stops the target; Jazzer writes the input to the inputs folder
# (crash-<sha1>), where the normal test run replays it from then on. At the end a table gives
# executions and time per target (from libFuzzer's "Done N runs in S second(s)").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../../.."   # the repository root
seconds=${1:-300}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(postmortemPage articlePage incidentCsv articleCsv jsonLines textDecoder archiveFile
    queryParser)
fi
logs=core/target/fuzz-logs
mkdir -p "$logs"

seed() { # TARGET DIR: copy the real files of testdata/ that suit TARGET into DIR
  local target=$1 dir=$2
  mkdir -p "$dir"
  local -a from=()
  local name='*.txt'
  case $target in
    postmortemPage)
      from=(testdata/fail-dev/incidents testdata/fail-extra/incidents testdata/seeds) ;;
    articlePage)
      from=(testdata/fail-dev/articles testdata/fail-extra/articles testdata/ko-dev/stories
        testdata/seeds) ;;
    textDecoder | archiveFile)
      from=(testdata/archive testdata/seeds testdata/fail-extra/incidents testdata/fail-extra/csv) ;;
    incidentCsv | articleCsv)
      from=(testdata/csv testdata/fail-dev/csv testdata/fail-extra/csv)
      name='*.csv' ;;
    *) from=() ;; # JSON Lines and queries: the regression seeds
  esac
  for d in "${from[@]}"; do
    [ -d "$d" ] || continue
    # Names are kept (prefixed with the folder) so files of the same name in two folders stay.
    find "$d" -type f \( -name "$name" -o -name '*.csv' \) -size -64k -print0 |
      while IFS= read -r -d '' f; do
        cp -n "$f" "$dir/$(echo "${f#testdata/}" | tr '/' '_')"
      done
  done
}

summary=()
status=0
for t in "${targets[@]}"; do
  corpus=core/.cifuzz-corpus/io.incidentsearch.formats.ParserFuzzTest/$t
  [ -d "$corpus" ] || seed "$t" "$corpus"
  echo "fuzz: $t for ${seconds}s (corpus $corpus)" >&2
  log=$logs/$t.log
  # libFuzzer stops a run whose process grows past 2 GB (-rss_limit_mb), without a summary. With
  # the JVM's default heap (a quarter of the RAM) the targets reached 1.4-1.7 GB in 16 s, and one
  # CI run of queryParser ended without a summary; with 768 MB of heap they stay near 0.7 GB.
  if JAZZER_FUZZ=1 ./mvnw -B -o -q -pl core test -Dtest="ParserFuzzTest#$t" \
      -Dsurefire.failIfNoSpecifiedTests=false \
      -Dsurefire.jvm.args="--enable-native-access=ALL-UNNAMED -Xmx768m" \
      -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds" \
      -Djazzer.internal.arg.2=-timeout=10 \
      >"$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log)"
    status=1
    # The log may not outlive a CI machine: show its end here.
    { echo "fuzz: $t failed; the end of $log:"; tail -n 40 "$log"; } >&2
  fi
  done_line=$(grep -a '^Done [0-9]* runs in' "$log" | tail -1 || true)
  summary+=("$(printf '%-15s %-40s %s' "$t" "${done_line:-no libFuzzer summary}" "$result")")
done
printf '%s\n' "${summary[@]}"
exit $status
