# Customer value and health on hand-made stores: scores worked by hand, the
# bands value recompute keeps (and only when they move), the win-back list,
# profit by product margin, report health, the monthly KPIs against their
# targets, and degenerate stores refused with a reason and an unchanged store.
source "$TESTS/cli/testlib.bash"
git_store s
at() { CRM_NOW="$1" "$CRM" -C s "${@:2}"; }
x=$(at 2026-06-01T09:00:00+08:00 customer add --name 甲 --ref X)
y=$(at 2026-06-01T09:00:00+08:00 customer add --name 乙 --ref Y)
at 2026-08-15T10:00:00+08:00 order add --customer Y --amount 80 --date 2026-08-15 --id O-Y1 --product 茶具 >/dev/null
at 2026-11-13T10:00:00+08:00 order add --customer X --amount 100 --date 2026-11-13 --id O-X1 --product 龙井 >/dev/null
commit_store s

# --- nobody bought twice: no fit, said plainly; the store unchanged ---
run -C s value fit
expect_rc 65
expect_err "crm: BG/NBD: no customer bought on a second day; the model needs repeat purchases"
expect_clean s

# --- health by hand (as of 2026-11-23; no fit, so p_alive is left out; nobody
# repeats, so the rhythm is 30 days). X: 10 days since (recency 100), all
# spend in one span (volatility 0), no tickets (100), no interactions (100):
# (30*100 + 15*0 + 20*100 + 15*100) / 80 = 81.25 -> 81, medium. Y: 100 days
# since (3.3 rhythms: 0), volatility 0: 3500/80 = 43.75 -> 44, high.
run -C s customer list --fields ref,health,risk,p_alive --format csv --sort ref
expect_rc 0
expect_out "ref,health,risk,p_alive
X,81,medium,
Y,44,high,"
expect_err_has "no value fit, so health leaves p_alive out and the value columns are empty: BG/NBD: no customer bought on a second day"

# An unresolved ticket (X: one ticket per purchase in 180 days costs 50, an
# open one 25): complaints 25, (3000 + 500 + 1500) / 80 = 62.5 -> 63, high.
# Y's interactions fall from two to one: 50, (2000 + 750) / 80 = 34.4 -> 34.
at 2026-11-20T10:00:00+08:00 ticket open --customer X --subject 茶叶受潮 --type quality >/dev/null
for day in 2026-07-01 2026-07-20 2026-10-01; do
    at "${day}T12:00:00+08:00" interaction log --customer Y --channel phone --direction out --at "${day}T11:00" >/dev/null
done
run -C s customer list --fields ref,health,risk --format csv --no-header --sort -health
expect_out "X,63,high
Y,34,high"

# --- value recompute on a young store: bands kept without a fit, exit 0 ---
commit_store s
run -C s value recompute
expect_rc 0
expect_out ""
expect_err_has "no fit: BG/NBD: no customer bought on a second day; the model needs repeat purchases; state/value.yaml left as it was; moved 2 customers' risk band"
expect "no state/value.yaml without a fit" test ! -e s/state/value.yaml
expect "X's band is in its file" grep -qxF -e "  risk: high" "s/customers/$x.yaml"
expect "the move is in the transitions log" grep -qxF -e "2026-11-23,$y,risk,,high" s/transitions/2026/11.csv
expect "and audited" grep -q "health.risk" s/audit/2026/11.log
commit_store s
run -C s value recompute
expect_err_has "moved 0 customers' risk band"
expect_clean s  # a band that holds is not written again

# --- a fit: 150 customers drawn from the models' own story (seeded), X buys again ---
python3 - > drawn.csv <<'EOF'
import datetime as d, random
rng = random.Random(1)
print('customer,date,amount,product')
for i in range(1, 151):
    rate, drop, spend = rng.gammavariate(0.6, 1 / 3.0) / 7, rng.betavariate(1, 3), rng.gammavariate(3, 1 / 15.0)
    day = d.date(2026, 1, 1) + d.timedelta(days=rng.randrange(120))
    while day <= d.date(2026, 11, 20):
        print(f'R{i},{day},{rng.gammavariate(5, 1 / spend):.2f},{rng.choice(["龙井", "茶具", "普洱"])}')
        if rng.random() < drop: break
        day += d.timedelta(days=max(1, int(rng.expovariate(rate))))
EOF
at 2026-11-20T10:00:00+08:00 order import drawn.csv --create-missing -q >/dev/null
at 2026-11-20T10:00:00+08:00 order add --customer X --amount 40 --date 2026-11-20 --id O-X2 --product 龙井 >/dev/null
commit_store s
run -C s value fit --format csv --fields name,value
expect_rc 0
expect_out_has "customers,152"
run -C s value recompute -q
expect_rc 0
expect "the fit is kept" grep -q "^bgnbd: {r: 0\.2" s/state/value.yaml
run -C s customer list --risk high --fields ref,risk,potential_value --format csv --no-header
expect_rc 0
# Sorted by potential value, highest first: every number no larger than the one before.
values=$(cut -d, -f3 <<<"$out")
[ "$values" = "$(sort -gr <<<"$values")" ] && [ "$(wc -l <<<"$out")" -gt 10 ] && ok || bad "win-back list not by potential value: $out"
expect "only the high band" test -z "$(grep -v ',high,' <<<"$out")"
run -C s customer list --fields ref,p_alive,expected_purchases,expected_spend,potential_value,clv --format csv --where ref=X
expect_rc 0
expect "no note: the stored fit is of the day" test -z "$err"
# X: two purchases, the last on 2026-11-20: alive, and clv = 140.00 spent + potential value.
IFS=, read -r _ p_alive _ _ potential clv <<<"$(tail -1 <<<"$out")"
awk -v p="$p_alive" -v pot="$potential" -v clv="$clv" 'BEGIN { exit !(p > 0.5 && p <= 1 && clv - pot > 139.995 && clv - pot < 140.005) }' \
    && ok || bad "X: $out"
# Profit: 25% by default; 龙井 at 40%, 茶* (茶具) at 10%, each order's rounded to the cent.
sed -i 's/^  margins: \[\].*/  margins: [{product: 龙井, margin: 0.40}, {product: "茶*", margin: 0.10}]/' s/crm.yaml
run -C s customer list --fields ref,profit,m --format csv --no-header --where ref=X
expect_out "X,56.00,140.00"
run -C s customer list --fields ref,profit --format csv --no-header --where ref=Y
expect_out "Y,8.00"
want=$(awk -F, '$1 == "R7" { c = int($3 * 100 + 0.5); m = $4 == "龙井" ? 0.40 : $4 == "茶具" ? 0.10 : 0.25
                 x = c * m; s += (x < 0 ? -1 : 1) * int((x < 0 ? -x : x) + 0.5) } END { printf "R7,%.2f", s / 100 }' drawn.csv)
run -C s customer list --fields ref,profit --format csv --no-header --where ref=R7
expect_out "$want"
git -C s checkout -q crm.yaml

run -C s report health --format csv --fields risk,customers
expect_rc 0
expect_out_has "risk,customers"
total=$(awk -F, 'NR > 1 { s += $2 } END { print s }' <<<"$out")
[ "$total" = 152 ] && ok || bad "report health counts $total customers, not 152"

commit_store s

# --- a sales user's list scores health among the whole store, as the nightly job does ---
add_people s '{name: tester, role: admin}' '{name: s1, role: sales, groups: [sales]}'
# Z bought once, 34 days ago: held to the store's rhythm, not to X's week (s1's only other customer).
at 2026-11-23T10:00:00+08:00 customer set X --owner s1 >/dev/null
at 2026-10-20T10:00:00+08:00 customer add --name 庚 --ref Z --owner s1 >/dev/null
at 2026-10-20T10:00:00+08:00 order add --customer Z --amount 30 --date 2026-10-20 >/dev/null
run -C s customer list --fields ref,health,risk --format csv --no-header --sort ref --where owner=s1
admin_view=$out
expect "Z's recency counts: it is not at 0" test "$(cut -d, -f2 <<<"$(grep '^Z,' <<<"$out")")" -gt 50
CRM_ACTOR=s1 run -C s customer list --fields ref,health,risk --format csv --no-header --sort ref
expect_out "$admin_view"
git -C s checkout -q -- . && git -C s clean -qfd

# --- a state/value.yaml crm cannot read is 65 naming its line, never "no fit" ---
cp s/state/value.yaml value.yaml.good
sed -i 's/^bgnbd: .*/bgnbd: 5/' s/state/value.yaml
run -C s customer list --fields ref,p_alive
expect_rc 65
expect_err_has "state/value.yaml:5: bgnbd.r: must be a positive number"
run -C s check
expect_rc 1
expect_out "state/value.yaml:5: bgnbd.r: must be a positive number"
sed -i 's/^bgnbd: 5/bgnbd: {r: 0.3, alpha: 2, a: x, b: 3, log_likelihood: -1}/' s/state/value.yaml
run -C s report health
expect_rc 65
expect_err_has "state/value.yaml:5: bgnbd.a: must be a positive number"
cp value.yaml.good s/state/value.yaml
expect_clean s

# --- bad input: unknown band, unknown sort field, a bad health config ---
run -C s customer list --risk severe
expect_rc 64
expect_err_has "--risk"
run -C s customer list --sort -nope
expect_rc 64
expect_err_has '--sort: unknown field "nope"'
sed -i 's/^  risk: {high_below: 70, medium_below: 85}.*/  risk: {high_below: 90, medium_below: 80}/' s/crm.yaml
run -C s report health
expect_rc 78
expect_err_has "health.risk: high_below (90) must not be above medium_below (80)"
git -C s checkout -q crm.yaml
expect_clean s

# --- report kpi: November 2026 counted by hand ---
git_store k
kat() { CRM_NOW="$1" "$CRM" -C k "${@:2}"; }
kat 2026-05-01T09:00:00+08:00 customer add --name 甲 --ref A >/dev/null
kat 2026-05-01T09:00:00+08:00 customer add --name 丙 --ref C >/dev/null
kat 2026-11-02T09:00:00+08:00 customer add --name 乙 --ref B >/dev/null
kat 2026-11-03T09:00:00+08:00 customer add --name 丁 --ref D >/dev/null
kat 2026-10-10T10:00:00+08:00 order add --customer A --amount 100 --date 2026-10-10 >/dev/null
kat 2026-11-05T10:00:00+08:00 order add --customer A --amount 100 --date 2026-11-05 >/dev/null
kat 2026-11-06T10:00:00+08:00 order add --customer B --amount 100 --date 2026-11-06 >/dev/null
kat 2026-05-20T10:00:00+08:00 order add --customer C --amount 100 --date 2026-05-20 >/dev/null
t1=$(kat 2026-11-09T10:00:00+08:00 ticket open --customer A --subject 发票 --type service)
kat 2026-11-10T10:00:00+08:00 ticket status "$t1" solved >/dev/null
kat 2026-11-10T11:00:00+08:00 ticket rate "$t1" --score 5 >/dev/null
kat 2026-11-12T10:00:00+08:00 ticket open --customer B --subject 物流 --type process >/dev/null
# A bought in October and November: returning; B first bought in November. C
# last bought 2026-05-20: not lost on 11-01 (164 days), lost by 11-30 (194).
# B and D were created in November; B ordered, D did not.
run -C k report kpi --month 2026-11 --as-of 2026-11-30T23:00:00+08:00 --format csv --fields metric,value,status,numerator,denominator
expect_rc 0
expect_out_has "repurchase_rate,0.500,met,1,2"
expect_out_has "activation_rate,0.500,missed,1,2"
expect_out_has "csat,1.000,met,1,1"
expect_out_has "churn_rate,0.500,missed,1,2"
expect_out_has "resolution_rate,0.500,missed,1,2"
expect_out_has "followup_rate,,,0,0"
# As of an earlier day, a later order does not activate; an order dated before
# the customer was created does not either; lost is more than 180 days.
run -C k report kpi --month 2026-11 --as-of 2026-11-05T09:00:00+08:00 --format csv --fields metric,numerator,denominator --no-header
expect_out_has "activation_rate,0,2"  # B ordered on 11-06, after the as-of day
kat 2026-11-20T09:00:00+08:00 customer add --name 戊 --ref E >/dev/null
kat 2026-11-20T09:10:00+08:00 order add --customer E --amount 10 --date 2026-11-19 >/dev/null
kat 2026-06-03T09:00:00+08:00 customer add --name 己 --ref F >/dev/null
kat 2026-06-03T10:00:00+08:00 order add --customer F --amount 10 --date 2026-06-03 >/dev/null
run -C k report kpi --month 2026-11 --as-of 2026-11-30T23:00:00+08:00 --format csv --fields metric,numerator,denominator --no-header
expect_out_has "activation_rate,1,3"
# F bought 2026-06-03: 180 days on 11-30, sleeping still (lost is more days than lost_days).
expect_out_has "churn_rate,1,3"
run -C k report kpi --month 2026-12 --as-of 2026-12-01T23:00:00+08:00 --format csv --fields metric,numerator,denominator --no-header
expect_out_has "churn_rate,1,4"  # A, B, E and F not lost on 11-30 (C was); F lost on 12-01 (181 days)
run -C k report kpi --month 2026-13
expect_rc 64
expect_err_has '--month: "2026-13" is not YYYY-MM'
run -C k report kpi --month 2027-01 --as-of 2026-11-30
expect_rc 64
expect_err_has "after the as-of day"
sed -i 's/^  churn_rate: 0.05 .*/  churn_rate: 0.6/' k/crm.yaml
run -C k report kpi --month 2026-11 --as-of 2026-11-30T23:00:00+08:00 --format csv --fields metric,aim,target,status --no-header
expect_out_has "churn_rate,at most,0.6,met"
sed -i 's/^  churn_rate: 0.6/  churn_rate: 0.6\n  nps: 0.5/' k/crm.yaml
run -C k report kpi
expect_rc 78
expect_err_has "nps"
finish
