# kill -9 during every bulk command (customer, order, lead and ticket import,
# rfm recompute), half of the kills inside the rename phase (after the commit
# point, slowed by the test-only $CRM_TEST_APPLY_PAUSE_US): afterwards check
# exits 0, and after a re-run the records, the audit log and the transitions
# log equal those of an uninterrupted run, byte for byte.
# $KILLS (default 40) kills aimed at rfm recompute's rename phase and as many
# at the imports', with a fifth more at any moment.
source "$TESTS/cli/testlib.bash"
export CRM_TEST_SEED=7  # the same IDs in every run
KILLS=${KILLS:-40}
python3 - <<'PY'
import random
random.seed(7)
with open("customers.csv", "w") as f:
    f.write("ref,name,phone\n")
    for i in range(120):
        f.write(f"K{i:04d},客户{i},139{i:08d}\n")
with open("orders.csv", "w") as f:
    f.write("customer,date,amount,quantity\n")
    for i in range(600):
        f.write(f"K{random.randint(0, 159):04d},2026-{random.randint(1, 11):02d}-{random.randint(1, 28):02d},"
                f"{random.randint(1, 99999) / 100:.2f},{random.randint(1, 9)}\n")
with open("leads.csv", "w") as f:
    f.write("ref,name,phone,source\n")
    for i in range(120):
        f.write(f"W{i:04d},线索{i},137{i:08d},web\n")
with open("tickets.csv", "w") as f:
    f.write("ref,created,subject\n")
    for i in range(120):
        f.write(f"T{i:04d},2026-11-{random.randint(1, 20):02d}T10:00:00+08:00,工单{i}\n")
PY
# The stores the commands start from: none, customers, customers and orders.
"$CRM" init empty -q
cp -a empty custs
"$CRM" -C custs customer import customers.csv -q >/dev/null
cp -a custs base
"$CRM" -C base order import orders.csv --create-missing -q >/dev/null
"$CRM" -C base check -q >/dev/null || bad "the base store does not check"

commands=(
    "customer import $T/customers.csv"
    "order import $T/orders.csv --create-missing"
    "lead import $T/leads.csv"
    "ticket import $T/tickets.csv"
    "rfm recompute --as-of 2026-11-23"
)
start_of() { case $1 in 0) echo empty ;; 4) echo base ;; *) echo custs ;; esac; }

same_as() {  # same_as REF DIR: records and logs equal, byte for byte
    diff -r --exclude=.crm "$1" "$2" >"$T/.diff" 2>&1
}

in_rename=0 recovered=0 rounds=0
for c in 0 1 2 3 4; do
    read -ra args <<<"${commands[$c]}"
    rm -rf ref && cp -a "$(start_of $c)" ref
    "$CRM" -C ref "${args[@]}" -q >/dev/null 2>&1 || bad "uninterrupted: crm ${commands[$c]} failed"
    # KILLS in the rename phase for rfm recompute, as many over the four
    # imports, and a fifth more at any moment.
    n=$(((KILLS * 5 / 4 + 3) / 4))
    [ "$c" = 4 ] && n=$((KILLS * 5 / 4))
    here=$in_rename
    for round in $(seq 1 "$n"); do
        rounds=$((rounds + 1))
        rm -rf s && cp -a "$(start_of $c)" s
        CRM_TEST_APPLY_PAUSE_US=1500 "$CRM" -C s "${args[@]}" -q >/dev/null 2>&1 &
        pid=$!
        if [ $((round % 5)) != 0 ]; then  # inside the rename phase
            while [ ! -e s/.crm/txn/journal ] && kill -0 "$pid" 2>/dev/null; do sleep 0.002; done
            sleep "0.0$((RANDOM % 10))$((RANDOM % 10))"
        else  # anywhere
            sleep "0.$((RANDOM % 25))"
        fi
        [ -e s/.crm/txn/journal ] && kill -0 "$pid" 2>/dev/null && in_rename=$((in_rename + 1))
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        run -C s check
        if [ "$rc" != 0 ]; then
            bad "crm ${commands[$c]}, round $round: check after the kill failed"
            continue
        fi
        [[ "$err" == *"finished an interrupted write"* ]] && recovered=$((recovered + 1))
        if ! same_as "$(start_of $c)" s && ! same_as ref s; then
            bad "crm ${commands[$c]}, round $round: after recovery the store is neither before nor after: $(head -5 "$T/.diff")"
        fi
        run -C s "${args[@]}" -q
        if [ "$rc" != 0 ]; then
            bad "crm ${commands[$c]}, round $round: the re-run failed"
            continue
        fi
        if ! same_as ref s; then
            bad "crm ${commands[$c]}, round $round: the store differs from an uninterrupted run: $(head -5 "$T/.diff")"
        fi
        expect "round $round: no journal or staged files left" test -z "$(ls -A s/.crm/txn 2>/dev/null)"
    done
    echo "crm ${commands[$c]%% $T*}: $n kills, $((in_rename - here)) inside the rename phase"
done
echo "$rounds runs, $in_rename killed inside the rename phase, $recovered finished by the next command"
expect "most of the kills landed in the rename phase" test "$in_rename" -ge $((KILLS * 3 / 2))
expect "the next command finished the interrupted writes" test "$recovered" -ge $((in_rename / 2))
expect "transitions were logged" test -s ref/transitions/2026/11.csv
finish
