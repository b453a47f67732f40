# Points over the real CDNOW purchase history (../shared/data/cdnow), replayed
# through 1997-1998 as a store would live it: each half-year's orders imported
# at its end (earning their points at the tier held before each order's day),
# then that night's rfm recompute and points expire (POINTS_MONTHS=1: each
# month, 18 steps, about 80 s; CI takes half-years, 3 steps, about 40 s). An
# independent calculation in Python, from the orders and the nightly tiers
# alone, must give every customer's balance at each checkpoint; the liability
# report's total must be the sum of the balances; once the expiries are
# written, the ledger's sum must be each balance too.
source "$TESTS/cli/testlib.bash"
src="$SHARED/data/cdnow/CDNOW_master.txt"
[ -f "$src" ] || { echo "skipped: $src not found"; exit 77; }
cdnow_csv "$src" cdnow.csv
git_store s

step=${POINTS_MONTHS:-6}
for month in $(seq 0 "$step" 17); do
    first=$(date -d "1997-01-01 + $month months" +%F)
    last=$(date -d "$first + $step months - 1 day" +%F)
    awk -F, -v from="$first" -v to="$last" 'NR == 1 || ($2 >= from && $2 <= to)' cdnow.csv > month.csv
    CRM_NOW="${last}T23:00:00+08:00" "$CRM" -C s order import month.csv --create-missing -q > /dev/null &&
        "$CRM" -C s rfm recompute --as-of "$last" -q > /dev/null &&
        "$CRM" -C s points expire --as-of "${last}T23:30:00+08:00" -q > /dev/null || bad "month $first failed"
done
"$CRM" -C s points expire --as-of 1998-12-31T23:30:00+08:00 -q > /dev/null || bad "the last expiry failed"
"$CRM" -C s order list --format csv --fields id,customer,date,amount > orders.csv
cat s/transitions/*/*.csv > transitions.csv

# The independent calculation: an order earns floor(amount x 2) when the tier
# held before its day (the last tier transition dated earlier) is gold or
# diamond, else floor(amount); its points are gone 365 days after its day.
expected() {
    /usr/bin/python3 - "$1" orders.csv transitions.csv <<'PY'
import csv, datetime as dt, sys
from collections import defaultdict
from decimal import Decimal
day = dt.date.fromisoformat(sys.argv[1])
tiers = defaultdict(list)
for t in csv.DictReader(open(sys.argv[3])):
    if t["field"] == "tier":
        tiers[t["customer"]].append((t["date"], t["to"]))
balance = defaultdict(int)
for o in csv.DictReader(open(sys.argv[2])):
    date, amount = dt.date.fromisoformat(o["date"]), Decimal(o["amount"])
    if amount <= 0 or date > day or date + dt.timedelta(days=365) <= day:
        continue
    held = ""
    for night, to in sorted(tiers[o["customer"]]):
        if night < o["date"]:
            held = to
    balance[o["customer"]] += int(amount * (2 if held in ("gold", "diamond") else 1))
for customer in sorted(balance):
    if balance[customer]:
        print(f"{customer},{balance[customer]}")
PY
}

for checkpoint in 1997-06-30 1997-12-31 1998-06-30 1998-12-31; do
    run -C s points balance --as-of "${checkpoint}T23:59:00+08:00" --format csv --fields customer,balance --no-header
    actual=$(awk -F, '$2 != 0' <<<"$out" | sort)
    want=$(expected "$checkpoint")
    if [ "$actual" = "$want" ] && [ -n "$want" ]; then ok; else
        bad "balances as of $checkpoint differ from the independent calculation: $(diff <(echo "$want") <(echo "$actual") | head -5)"
    fi
    total=$(awk -F, '{ s += $2 } END { print s + 0 }' <<<"$out")
    run -C s report points --as-of "${checkpoint}T23:59:00+08:00" --format csv --fields tier,points --no-header
    expect_out_has "all,$total"
done
gold=$(grep -c ",tier,[a-z]*,gold$" transitions.csv)
expect "some customers were gold at some night (the multiplier is tried)" test "$gold" -gt 0
# Every expiry written: each balance is the ledger's sum.
run -C s points balance --as-of 1998-12-31T23:59:00+08:00 --format csv --fields customer,balance --no-header
balances=$(sort <<<"$out" | awk -F, '$2 != 0')
sums=$(cat s/points/*/*.yaml | sed -E 's/.*customer: ([^,]*),.*points: (-?[0-9]+),.*/\1 \2/' |
    awk '{ s[$1] += $2 } END { for (c in s) if (s[c] != 0) print c "," s[c] }' | sort)
expect "the ledger's sums are the balances once expiries are written" test "$balances" = "$sums"
# A gold member's benefits, as customer show gives them (crm.yaml loyalty.benefits).
gold_member=$("$CRM" -C s customer list --as-of 1998-06-30 --tier gold --fields id --no-header | head -1)
run -C s customer show "$gold_member" --as-of 1998-06-30 --fields tier,benefits --format csv --no-header
expect_out "gold,\"discount 5%, free shipping, birthday coupon 50.00\""
run -C s check
expect_rc 0
finish
