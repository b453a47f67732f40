# The commit journal: a write whose audit line cannot be written is not made;
# a full disk at any step of a commit leaves none or all of it; the next
# command, read or write, finishes or undoes an interrupted write and says so
# once; a reader never sees half of an import.
source "$TESTS/cli/testlib.bash"
export CRM_TEST_SEED=11
git_store s

# The audit log unwritable (a folder in its place: crm never writes through a
# link, so /dev/full cannot stand in): 74, nothing written, nothing staged left.
mkdir -p s/audit/2026/11.log
run -C s customer add --name 张三 --phone 13800138000
expect_rc 74
expect_err_has "audit/2026/11.log: cannot open for append: Is a directory; nothing was changed"
expect "no customer written" test -z "$(ls s/customers)"
printf 'ref,name\nK1,李四\nK2,王五\n' > two.csv
run -C s customer import two.csv
expect_rc 74
expect_out ""  # no ID printed for a record never written
expect "no customer imported" test -z "$(ls s/customers)"
expect "nothing staged or journalled" test -z "$(ls -A s/.crm/txn 2>/dev/null)"
rmdir s/audit/2026/11.log
expect_clean s
# The nightly job with its transitions log unwritable: the audit lines it had
# appended are cut back, no customer is reclassified.
"$CRM" -C s customer add --name 王五 -q >/dev/null
printf 'customer,date,amount\n%s,2026-11-01,100\n' "$(ls s/customers | sed 's/.yaml//')" > one.csv
"$CRM" -C s order import one.csv -q >/dev/null
commit_store s
mkdir -p s/transitions/2026
mkdir s/transitions/2026/11.csv
run -C s rfm recompute
expect_rc 74
expect_err_has "transitions/2026/11.csv: cannot open for append: Is a directory; nothing was changed"
rmdir s/transitions/2026/11.csv
expect_clean s
run -C s rfm recompute -q
expect_rc 0
expect "the re-run logs its transitions" test -s s/transitions/2026/11.csv

# A full disk at every step of a commit: each run exits 74 with the store as
# before, or (a failure after the commit point) the next command finishes it.
python3 -c "
print('ref,name,phone')
for i in range(6): print(f'K{i},客户{i},1390000000{i}')" > six.csv
"$CRM" init before -q
"$CRM" -C before customer add --name 老客户 -q >/dev/null
rm -rf after && cp -a before after
"$CRM" -C after customer import six.csv -q >/dev/null
none=0 all=0
for step in $(seq 1 40); do
    rm -rf f && cp -a before f
    CRM_TEST_FAIL_AT=$step run -C f customer import six.csv -q
    if [ "$rc" = 0 ]; then
        expect "step $step: past the last step, the whole import" diff -r --exclude=.crm after f
        break
    fi
    expect "step $step: exit 74, not $rc" test "$rc" = 74
    expect "step $step: the message names the full disk" grep -q "No space left on device" "$T/.err"
    run -C f check
    expect "step $step: check exits 0 afterwards, not $rc" test "$rc" = 0
    if diff -r --exclude=.crm before f >/dev/null; then
        none=$((none + 1))
    elif diff -r --exclude=.crm after f >/dev/null; then
        all=$((all + 1))
        expect "step $step: check said it finished the write" grep -q "finished an interrupted write" "$T/.err"
    else
        bad "step $step: the store is neither before nor after: $(diff -r --exclude=.crm after f | head -5)"
    fi
    expect "step $step: nothing staged left" test -z "$(ls -A f/.crm/txn 2>/dev/null)"
done
echo "full disk: $none steps left nothing, $all were finished by the next command"
expect "failures before the commit point left nothing" test "$none" -ge 7
expect "failures after it were finished" test "$all" -ge 6

# The next command (a reader) finishes a committed write, says so once, and
# check finds the store whole.
for step in $(seq 1 40); do  # the first step after the commit point
    rm -rf f && cp -a before f
    CRM_TEST_FAIL_AT=$step run -C f customer import six.csv -q
    [[ "$err" == *"committed"* ]] && break
done
expect_rc 74
expect_err_has "the write is committed: the next crm command finishes it"
expect "the journal is left" test -f f/.crm/txn/journal
run -C f customer list --fields id --no-header
expect_rc 0
expect_err "crm: finished an interrupted write: customer import at 2026-11-23T10:00:00+08:00 (6 files, 1 logs)"
expect "7 customers listed" test "$(echo "$out" | wc -l)" = 7
run -C f customer list --fields id --no-header
expect_err ""
run -C f check
expect_rc 0
expect_err "check: 7 customers: ok"
# Staged files without a journal: a write that never committed, discarded.
mkdir -p f/.crm/txn && echo "half" > f/.crm/txn/0
run -C f customer list --fields ref --no-header
expect_rc 0
expect_err "crm: undid an interrupted write that had not committed (1 staged files discarded)"
expect "the staged file is gone" test ! -e f/.crm/txn/0

# An import waiting on its standard input holds up no writer.
mkfifo in.fifo
"$CRM" -C f customer import - <in.fifo >/dev/null 2>import.err &
pid=$!
exec 3>in.fifo  # lets the import start; it waits for its input
sleep 0.3
CRM_LOCK_TIMEOUT=5 run -C f customer add --name 等输入的时候 -q
expect_rc 0
printf 'ref,name\nP1,管道\n' >&3
exec 3>&-
wait "$pid"
expect "the import from the pipe went through" test "$?" = 0
run -C f customer list --fields name --no-header
expect_out_has "管道"
expect_out_has "等输入的时候"

# A reader looping during an import sees none or all of it, never half.
python3 -c "
print('ref,name')
for i in range(3000): print(f'R{i},读者{i}')" > many.csv
"$CRM" init r -q
CRM_TEST_APPLY_PAUSE_US=300 "$CRM" -C r customer import many.csv -q >/dev/null &
pid=$!
: > seen.txt
while kill -0 "$pid" 2>/dev/null; do
    "$CRM" -C r customer list --fields id --no-header > list.txt || echo "reader failed: $?" >> seen.txt
    wc -l < list.txt >> seen.txt
done
wait "$pid"
"$CRM" -C r customer list --fields id --no-header | wc -l >> seen.txt
echo "reader counts: $(sort -n seen.txt | uniq -c | tr '\n' ' ')"
expect "the reader only saw 0 or 3000 customers" test -z "$(grep -vx '0\|3000' seen.txt)"
expect "the reader ran during the import" test "$(wc -l < seen.txt)" -ge 3
finish
