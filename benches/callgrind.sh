#!/usr/bin/env bash
# Instruction counts of the benchmarked operations under callgrind, and their ratios.
# Robust on a shared, noisy machine (counts do not depend on load); complements the
# timed ratios of `cargo bench -p gas-benches --bench ratios`. Needs valgrind.
#
#   benches/callgrind.sh [orders]      (default 100 orders for the decode comparisons)
set -euo pipefail
cd "$(dirname "$0")/.."
orders="${1:-100}"
target="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p gas-benches --bin one_op
exe="$target/release/one_op"
count() {
  valgrind --tool=callgrind --toggle-collect='*one_op::measured*' \
    --callgrind-out-file=/dev/null "$exe" "$@" 2>&1 |
    awk '/Collected :/ { print $4 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
scan=$(count decode-scan "$orders")
gen=$(count decode-generated "$orders")
walk=$(count decode-walk "$orders")
serde=$(count decode-serde "$orders")
raw_w=$(count encode-raw)
gen_w=$(count encode-generated)
generate=$(count generate)
client=$(count client-calls 50)
raw_calls=$(count raw-calls 50)
echo "| measurement | ours (instructions) | baseline (instructions) | ratio |"
echo "| --- | --- | --- | --- |"
echo "| decode GetOrders, $orders orders: generated vs raw scan | $gen | $scan | $(ratio "$gen" "$scan")× |"
echo "| decode GetOrders, $orders orders: generated vs soap-runtime's reader walking every token | $gen | $walk | $(ratio "$gen" "$walk")× |"
echo "| decode GetOrders, $orders orders: generated vs serde | $gen | $serde | $(ratio "$gen" "$serde")× |"
echo "| encode OrderOSEV: generated vs quick-xml writer | $gen_w | $raw_w | $(ratio "$gen_w" "$raw_w")× |"
echo "| generate GasOrderService (load + overlay + generate) | $generate | — | — |"
echo "| 50 GetOrderByOrderID calls, client thread: gas-client vs raw reqwest | $client | $raw_calls | $(ratio "$client" "$raw_calls")× |"
