# kill -9 at random moments of order import and rfm recompute, 50 times: every file
# parses, check passes, the next command sweeps temp files, and each record is
# wholly old or wholly new.
source "$TESTS/cli/testlib.bash"
"$CRM" init s -q
python3 - > orders.csv <<'PY'
import random
random.seed(7)
print("customer,date,amount,quantity")
for i in range(6000):
    print(f"K{random.randint(1, 1500):04d},{random.choice(['2025', '2026'])}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d},{random.randint(1, 99999) / 100:.2f},{random.randint(1, 9)}")
PY
kills=0
for round in $(seq 1 50); do
    if [ $((round % 2)) = 1 ]; then
        "$CRM" -C s order import orders.csv --create-missing -q >/dev/null 2>&1 &
    else
        "$CRM" -C s rfm recompute --as-of "2026-$(printf %02d $((round % 12 + 1)))-15" -q >/dev/null 2>&1 &
    fi
    pid=$!
    sleep "0.0$((RANDOM % 10))$((RANDOM % 10))"
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null
    # Every record file must parse whole at any moment.
    if ! out=$("$CRM" -C s check 2>&1); then
        bad "round $round: check failed: $(head -3 <<<"$out")"
        break
    fi
done
echo "killed $kills of 50 runs mid-flight"
expect "some runs were killed mid-flight" test "$kills" -gt 10
# The next command finishes or discards what killed writers left in .crm/txn.
"$CRM" -C s order import orders.csv --create-missing -q >/dev/null
expect "nothing staged after the next command" test -z "$(ls -A s/.crm/txn 2>/dev/null)"
run -C s check
expect_rc 0
# All 6000 orders are there exactly once: a re-run after crashes completes the import.
run -C s --as-of 2026-12-31T23:59:59+08:00 order list --fields id --no-header  # every order date
expect "6000 orders" test "$(echo "$out" | wc -l)" = 6000
expect "no order twice" test "$(echo "$out" | sort -u | wc -l)" = 6000
expect "1500 customers at most" test "$(ls s/customers | wc -l)" -le 1500
finish
