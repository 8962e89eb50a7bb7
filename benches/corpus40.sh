#!/usr/bin/env bash
# The issue-16 speed check (a benchmark, not a test): the full analysis of ../shared/corpus/md
# copied 40 times (640 real contracts) at 2 threads, against `rg -j2 -c -i -F -f cues.txt` counting
# the 39 cue terms of ../shared/corpus/cues.txt in the same files, side by side with hyperfine.
#
#   benches/corpus40.sh [OTHER_CLAUSELINT_BINARY]   (a second binary is timed in the same run)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared/corpus
cargo build --release --quiet --bin clauselint
WORK=$(mktemp -d "${TMPDIR:-/tmp}/clauselint-corpus40.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
for i in $(seq -w 1 40); do
  mkdir -p "$WORK/c$i"
  cp "$SHARED"/md/*.md "$WORK/c$i/"
done
echo "$(find "$WORK" -name '*.md' | wc -l) files, $(du -sh "$WORK" | cut -f1)"
CMDS=("target/release/clauselint check $WORK --threads 2 --format jsonl --fail-on never -q"
      "rg -j2 -c -i -F -f $SHARED/cues.txt $WORK")
[ $# -ge 1 ] && CMDS+=("$1 check $WORK --threads 2 --format jsonl --fail-on never -q")
hyperfine -N -i --warmup 2 --runs "${RUNS:-15}" --export-markdown "$WORK/table.md" "${CMDS[@]}" >/dev/null
sed "s|$WORK|CORPUS|g" "$WORK/table.md"
