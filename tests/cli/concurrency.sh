# 8 processes adding 50 customers each at once (CONCURRENT_ADDS; fewer under the
# sanitizers): 400 records, distinct IDs, a clean check, an audit line each. Then a
# writer and the nightly job at the same time.
source "$TESTS/cli/testlib.bash"
each=${CONCURRENT_ADDS:-50}
total=$((8 * each))
"$CRM" init s -q
export CRM_LOCK_TIMEOUT=60
for p in 1 2 3 4 5 6 7 8; do
    (
        for i in $(seq 1 "$each"); do
            "$CRM" -C s customer add --name "客户$p-$i" --phone "1390000$(printf %02d%02d "$p" "$i")" || echo "FAILED $p-$i"
        done > "out.$p" 2>&1
    ) &
done
wait
cat out.* > all.txt
expect "no add failed" bash -c "! grep -q FAILED all.txt"
expect "$total IDs printed" test "$(grep -c '^C-' all.txt)" = "$total"
expect "$total distinct IDs" test "$(grep '^C-' all.txt | sort -u | wc -l)" = "$total"
expect "$total files" test "$(ls s/customers | wc -l)" = "$total"
expect "$total audit lines" test "$(cat s/audit/*/*.log | wc -l)" = "$total"
run -C s check
expect_rc 0
expect "nothing staged left" test -z "$(ls -A s/.crm/txn 2>/dev/null)"

# Orders for them, then a writer and the nightly job racing.
"$CRM" -C s customer list --fields id --no-header | awk '{ printf "%s,2026-11-%02d,%d.50\n", $1, NR % 28 + 1, NR }' \
    | sed '1i customer,date,amount' > orders.csv
"$CRM" -C s order import orders.csv -q > /dev/null
( for i in $(seq 1 30); do "$CRM" -C s customer add --name "晚到$i" -q >/dev/null || echo FAILED; done > writer.txt 2>&1 ) &
( for i in 1 2 3; do "$CRM" -C s rfm recompute -q >/dev/null || echo FAILED; done > nightly.txt 2>&1 ) &
wait
expect "writer never failed" bash -c "! grep -q FAILED writer.txt"
expect "nightly never failed" bash -c "! grep -q FAILED nightly.txt"
expect "$((total + 30)) customers" test "$(ls s/customers | wc -l)" = $((total + 30))
run -C s check
expect_rc 0
# A waiting writer gives up with 75 when the lock is held too long.
python3 -c "
import fcntl, os, sys, time
fd = os.open('s/.crm/LOCK', os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
open('held', 'w').close()
time.sleep(3)
" &
while [ ! -f held ]; do sleep 0.05; done
CRM_LOCK_TIMEOUT=0.5 run -C s customer add --name 等不及
expect_rc 75
expect_err_has "store is locked by another crm process"
wait
run -C s customer add --name 终于 -q
expect_rc 0

# Mixed writers and the nightly job: 8 processes each adding customers, setting
# them, opening tickets, replying, solving and importing orders while rfm
# recompute runs. Nothing is lost or duplicated, and the audit log has exactly
# one line per record each command wrote.
"$CRM" init m -q
for p in 1 2 3 4 5 6 7 8; do
    (
        for i in 1 2 3 4 5; do
            c=$("$CRM" -C m customer add --name "混$p-$i") || { echo FAILED add; continue; }
            "$CRM" -C m customer set "$c" --region "区$p" -q >/dev/null || echo FAILED set
            t=$("$CRM" -C m ticket open --customer "$c" --subject "问题$p-$i") || { echo FAILED open; continue; }
            "$CRM" -C m ticket reply "$t" --note 已回复 -q >/dev/null || echo FAILED reply
            "$CRM" -C m ticket status "$t" solved -q >/dev/null || echo FAILED status
            printf 'customer,date,amount,id\n%s,2026-11-%02d,%d.00,O-%d-%d\n' "$c" "$i" "$p" "$p" "$i" > "imp.$p.csv"
            "$CRM" -C m order import "imp.$p.csv" -q >/dev/null || echo FAILED import
        done > "mixed.$p" 2>&1
    ) &
done
( for i in 1 2 3 4; do "$CRM" -C m rfm recompute -q >/dev/null || echo FAILED nightly; done > mixed.nightly 2>&1 ) &
wait
cat mixed.* > mixed.txt
expect "no mixed write failed" bash -c "! grep -q FAILED mixed.txt"
expect "40 customers" test "$(ls m/customers | wc -l)" = 40
expect "40 tickets" test "$(ls m/tickets | wc -l)" = 40
expect "every ticket solved after its reply" test "$(grep -l '^status: solved' m/tickets/*.yaml | wc -l)" = 40
run -C m order list --fields id --no-header
expect "40 distinct orders" test "$(sort -u <<<"$out" | wc -l)" = 40
for command in "customer add" "customer set" "ticket open" "ticket reply" "ticket status" "order import"; do
    expect "40 audit lines for $command" test "$(cut -f3 m/audit/*/*.log | grep -cx "$command")" = 40
done
run -C m check
expect_rc 0
expect "nothing staged left" test -z "$(ls -A m/.crm/txn 2>/dev/null)"
finish
