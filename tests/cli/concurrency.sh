# 8 processes adding 50 customers each at once: 400 records, distinct IDs, a clean
# check, 400 audit lines. Then a writer and the nightly job at the same time.
source "$TESTS/cli/testlib.bash"
"$CRM" init s -q
export CRM_LOCK_TIMEOUT=60
for p in 1 2 3 4 5 6 7 8; do
    (
        for i in $(seq 1 50); do
            "$CRM" -C s customer add --name "客户$p-$i" --phone "1390000$(printf %02d%02d "$p" "$i")" || echo "FAILED $p-$i"
        done > "out.$p" 2>&1
    ) &
done
wait
cat out.* > all.txt
expect "no add failed" bash -c "! grep -q FAILED all.txt"
expect "400 IDs printed" test "$(grep -c '^C-' all.txt)" = 400
expect "400 distinct IDs" test "$(grep '^C-' all.txt | sort -u | wc -l)" = 400
expect "400 files" test "$(ls s/customers | wc -l)" = 400
expect "400 audit lines" test "$(cat s/audit/*/*.log | wc -l)" = 400
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
expect "430 customers" test "$(ls s/customers | wc -l)" = 430
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
finish
