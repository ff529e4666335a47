#!/usr/bin/env bash
# Fuzz every target for a bounded time and print the executions of each.
#
#   fuzz/run.sh [SECONDS_PER_TARGET]     (default 120)
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Not run in CI: CI runs the regression tests that crashes turned into.
# Seeds come from seeds/<target> (read only); what libFuzzer learns goes to
# corpus/<target> and crashes to artifacts/<target> (both ignored by git).
# -s none: fatiao has no unsafe code, so AddressSanitizer would only slow
# the runs down; panics and timeouts are what is sought.
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:-120}
targets=(parse_query extract parsed_query numerals corpus_file verify)
cargo +nightly fuzz build -s none -O || exit 2
mkdir -p logs
status=0
printf '%-14s %14s %s\n' target executions result
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    # -timeout: one input taking more than 10 s is a finding (linear time);
    # -max_len: a long line of a letter, still under the query bound times 4.
    cargo +nightly fuzz run -s none -O "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"logs/$target.log" 2>&1
    code=$?
    executions=$(grep -m1 'stat::number_of_executed_units' "logs/$target.log" | awk '{print $2}')
    result=ok
    if [ "$code" -ne 0 ]; then
        result="FAILED (exit $code, see fuzz/logs/$target.log and fuzz/artifacts/$target)"
        status=1
    fi
    printf '%-14s %14s %s\n' "$target" "${executions:-?}" "$result"
done
exit $status
