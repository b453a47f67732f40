# Imports the real CDNOW purchase history (../shared/data/cdnow, when present).
source "$TESTS/cli/testlib.bash"
src="$SHARED/data/cdnow/CDNOW_master.txt"
[ -f "$src" ] || { echo "skipped: $src not found"; exit 77; }
cdnow_csv "$src" cdnow.csv
git_store s
run -C s order import cdnow.csv --create-missing
expect_rc 0
expect_err "imported 69659 order(s), 0 already present, 23570 customer(s) created"
expect "customers" test "$(ls s/customers | wc -l)" = 23570
commit_store s
run -C s order import cdnow.csv --create-missing
expect_rc 0
expect_out ""
expect_err "imported 0 order(s), 69659 already present, 0 customer(s) created"
expect_clean s
run -C s check
expect_rc 0
expect_err "check: 23570 customers, 69579 points, 69659 orders: ok"
run -C s order list --customer 00002 --format csv --fields date,amount,quantity --no-header
out=$(sort <<<"$out")
expect_out "1997-01-12,12.00,1
1997-01-12,77.00,5"
# report retention against an independent count over the CSV.
run -C s report retention --format csv --no-header
expected=$(python3 - cdnow.csv <<'PY'
import csv, sys
first, active = {}, {}
for r in csv.DictReader(open(sys.argv[1])):
    m = r["date"][:7]
    first[r["customer"]] = min(first.get(r["customer"], m), m)
    active.setdefault(m, set()).add(r["customer"])
months = sorted(active)
prev = set()
for m in months:
    now = active[m]
    new = sum(1 for c in now if first[c] == m)
    churned = len(prev - now)
    rate = lambda a, b: f"{a / b:.3f}" if b else ""
    print(f"{m},{len(now)},{new},{len(now) - new},{rate(len(now) - new, len(now))},{churned},{rate(churned, len(prev))}")
    prev = now
PY
)
expect_out "$expected"
finish
