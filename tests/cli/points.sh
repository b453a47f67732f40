# The points ledger on hand-made stores: earning with orders (rounding, tier
# multipliers from the nightly transitions, returns, deletions), redemption
# oldest first across the expiry boundary, reversals, events, expiry, and the
# files written; every refusal leaves the store unchanged.
source "$TESTS/cli/testlib.bash"
git_store s
export CRM_NOW=2025-01-10T10:00:00+08:00
a=$("$CRM" -C s customer add --name 甲 --ref A)
b=$("$CRM" -C s customer add --name 乙 --ref B)
commit_store s

# --- orders earn: whole points, rounded down, at the order's day ---
run -C s order add --customer A --amount 250.50 --date 2025-01-10 --id O-A1
expect_rc 0
earn_a1=$(grep -o 'E-[0-9A-Z]*' s/points/2025/01.yaml | head -1)
expect "an order's points are in its month's ledger shard" grep -qxF -e "- {id: $earn_a1, customer: $a, type: earn, points: 250, at: 2025-01-10T00:00:00+08:00, expires: 2026-01-10, source: \"order:O-A1\", by: tester, created: 2025-01-10T10:00:00+08:00}" s/points/2025/01.yaml
commit_store s
printf 'customer,date,amount,id\nA,2025-01-10,250.50,O-A1\nB,2025-02-01,99.99,O-B1\n' > orders.csv
run -C s order import orders.csv
expect_rc 0
run -C s points balance B --format csv --fields balance --no-header
expect_out "0"  # not yet: B's order is dated 2025-02-01
run -C s points balance B --as-of 2025-02-01 --format csv --fields balance --no-header
expect_out "99"
commit_store s
run -C s order import orders.csv
expect_clean s  # importing again earns nothing again

# --- a tier held before the order's day doubles it (gold: 2 by default) ---
mkdir -p s/transitions/2025
printf 'date,customer,field,from,to\n2025-03-15,%s,tier,normal,gold\n' "$a" > s/transitions/2025/03.csv
CRM_NOW=2025-03-16T10:00:00+08:00 "$CRM" -C s order add --customer A --amount 100 --date 2025-03-15 --id O-A2 >/dev/null
CRM_NOW=2025-03-16T10:00:00+08:00 "$CRM" -C s order add --customer A --amount 100 --date 2025-03-16 --id O-A3 >/dev/null
run -C s points history A --as-of 2025-03-16T12:00:00+08:00 --format csv --fields source,points,balance,reason --no-header
expect_out "order:O-A1,250,250,
order:O-A2,100,350,
order:O-A3,200,550,tier gold"
commit_store s

# --- redeem: oldest first, refused past the balance ---
export CRM_NOW=2025-06-01T10:00:00+08:00
run -C s points redeem --customer A --points 600
expect_rc 65
expect_err "crm: $a holds 550 (250 expire 2026-01-10, 100 expire 2026-03-15, 200 expire 2026-03-16) points, fewer than 600"
expect_clean s
run -C s points redeem --customer A --points 300 --reward gift_cup
expect_rc 0
redeem=$out
expect_err_has "redeem -300 points; $a holds 250 (50 expire 2026-03-15, 200 expire 2026-03-16)"
run -C s points history A --format csv --fields type,points,lots --no-header
expect_out_has "redeem,-300,$earn_a1:250 "
run -C s points redeem --customer A --reward voucher_10
expect_rc 65
expect_err_has "fewer than 1000"
run -C s points redeem --customer A --reward no_such_thing
expect_rc 64
expect_err_has "--reward: \"no_such_thing\" is not in crm.yaml loyalty.rewards; give --points for it"
commit_store s

# --- reverse: a redeem gives back to its lots; an earn takes back what its lot holds ---
run -C s points reverse "$redeem" --reason "cup out of stock"
expect_rc 0
run -C s points balance A --format csv --fields balance --no-header
expect_out "550"
run -C s points reverse "$redeem"
expect_rc 65
expect_err_has "was reversed already"
run -C s points redeem --customer A --points 280
earn_a2=$("$CRM" -C s points history A --format csv --fields id,source --no-header | awk -F, '$2 == "order:O-A2" { print $1 }')
run -C s points reverse "$earn_a2"
expect_rc 0
run -C s points history A --format csv --fields type,points,reason --no-header
expect_out_has "reverse,-70,30 of its 100 points were spent or expired already"
run -C s points balance A --format csv --fields balance --no-header
expect_out "200"
commit_store s

# --- a return takes back what it would have earned, never below zero ---
run -C s order add --customer B --amount -50 --date 2025-06-01 --id O-B1R
run -C s points balance B --format csv --fields balance --no-header
expect_out "49"
run -C s order add --customer B --amount -80 --date 2025-06-01 --id O-B2R
run -C s points history B --format csv --fields type,points,reason --no-header
expect_out "earn,99,
reverse,-50,returned
reverse,-49,\"returned: 80 points due back, 49 held\""
commit_store s

# --- an order deleted from the store: earn --orders reverses its points ---
sed -i '/O-B1,/d' s/orders/2025/02.yaml
run -C s points earn --orders
expect_rc 0
expect_err_has "wrote 1 entries for orders"
run -C s points history B --format csv --fields type,points,source,reason --no-header
expect_out_has "reverse,0,entry:"
run -C s points earn --orders
expect_err_has "wrote 0 entries"
commit_store s

# --- events: a check-in once a day, a referral once per order, a review once per ref ---
run -C s points earn --customer B --event check_in
expect_rc 0
run -C s points earn --customer B --event check_in
expect_rc 65
expect_err_has "points for check_in:2025-06-01 were earned already"
run -C s points earn --customer B --event check_in --at 2025-05-31T09:00
expect_rc 0
run -C s points earn --customer B --event referral --source O-NONE
expect_rc 66
run -C s points earn --customer B --event referral --source O-A3
expect_rc 0
run -C s points earn --customer A --event referral --source O-A3
expect_rc 65
run -C s points earn --customer B --event review
expect_rc 64
run -C s points earn --customer B --event review --source R-1
run -C s points balance B --format csv --fields balance --no-header
expect_out "720"
commit_store s

# --- expiry: earned 365 days ago today is gone today ---
run -C s points balance A --as-of 2026-01-09T23:59:59+08:00 --format csv --fields balance,next_expiry --no-header
expect_out "200,2026-03-16"
run -C s order add --customer A --amount 10 --date 2025-01-11 --id O-A4 --as-of 2025-06-02
run -C s points balance A --as-of 2026-01-10T23:59:59+08:00 --format csv --fields balance,expiring_30d,expiring_60d,expiring_90d --no-header
expect_out "210,10,10,210"
run -C s points balance A --as-of 2026-01-11 --format csv --fields balance --no-header
expect_out "200"
run -C s points redeem --customer A --points 205 --as-of 2026-01-11T10:00
expect_rc 65
run -C s points expire --as-of 2026-03-17
expect_rc 0
expect_err_has "expired 210 points in 2 lot(s)"
commit_store s
run -C s points expire --as-of 2026-03-17
expect_clean s
run -C s points history A --as-of 2026-03-17 --format csv --fields type,points,balance --no-header
expect_out_has "expire,-200,0"
run -C s check
expect_rc 0

# --- reading: customer list columns, the liability report ---
run -C s customer list --as-of 2026-01-10T12:00 --format csv --fields id,points,points_expiring --no-header
out=$(sort <<<"$out")
expect_out "$(sort <<<"$a,210,10
$b,720,0")"
run -C s report points --as-of 2026-01-10T12:00 --format csv
expect_out "tier,customers,points,value,expiring_30d,expiring_60d,expiring_90d
none,2,930,9.30,10,10,210
all,2,930,9.30,10,10,210"
run -C s report points --by month --as-of 2026-03-17 --format csv
expect_out_has "month,earned,redeemed,expired,adjusted,reversed,net
2025-01,260,0,0,0,0,260"
expect_out_has "2026-03,0,0,200,0,0,-200"
run -C s points balance --as-of 2026-03-17 --format csv --fields customer,balance --no-header
out=$(sort <<<"$out")
expect_out "$(sort <<<"$a,0
$b,720")"

# --- bad input: refused, the store unchanged ---
run -C s points adjust --customer A --points 5
expect_rc 64
run -C s points adjust --customer A --points 0 --reason x
expect_rc 64
run -C s points redeem --customer NOBODY --points 1
expect_rc 66
run -C s points reverse E-NOSUCHENTRY1
expect_rc 66
run -C s points adjust --customer A --points 5 --reason $'a\x01b'
expect_rc 65
expect_err_has "--reason: holds a control character"
expect_clean s
# A ledger edited by hand to take more than a lot held: check names the line.
sed -i "s/type: earn, points: 99,/type: earn, points: 9,/" s/points/2025/02.yaml
run -C s check
expect_rc 1
expect_out_has "points/2025/02.yaml:1: points: later entries leave this lot -90 of its 9 points"
run -C s points balance B
expect_rc 65
git -C s checkout -q -- .
sed -i 's/^  multipliers: {gold: 2, diamond: 2}/  multipliers: {golden: 2}/' s/crm.yaml
run -C s points balance A
expect_rc 78
expect_err_has "loyalty.multipliers: \"golden\" is not a tier (diamond, gold, silver, normal)"
git -C s checkout -q -- .

# --- acts dated in the past never overdraw; reversals only of what was there ---
git_store u
export CRM_NOW=2026-01-10T10:00:00+08:00
k=$("$CRM" -C u customer add --name 壬)
"$CRM" -C u points adjust --customer "$k" --points 100 --reason opening --as-of 2026-01-05 -q >/dev/null
taken=$("$CRM" -C u points redeem --customer "$k" --points 100 -q)
commit_store u
run -C u points redeem --customer "$k" --points 100 --as-of 2026-01-06
expect_rc 65
expect_err_has "fewer than 100"
expect_clean u
run -C u points reverse "$taken" --at 2026-01-09T00:00
expect_rc 65
expect_err_has "not yet in the ledger at 2026-01-09T00:00:00+08:00"
expect_clean u
"$CRM" -C u order add --customer "$k" --amount 50 --date 2026-01-20 --id O-LATER -q >/dev/null
later=$("$CRM" -C u points history "$k" --as-of 2026-01-21 --format csv --fields id,source --no-header | awk -F, '$2 == "order:O-LATER" { print $1 }')
commit_store u
run -C u points reverse "$later"
expect_rc 65
expect_clean u
run -C u points balance "$k" --format csv --fields balance --no-header
expect_rc 0
expect_out "0"
# One moment: what adds comes before what takes, and the running sum never dips
# (the redeem at 09:00 takes the gift: the older lot is spent at 10:00).
"$CRM" -C u points adjust --customer "$k" --points 30 --reason gift --at 2026-01-10T09:00 -q >/dev/null
"$CRM" -C u points redeem --customer "$k" --points 30 --at 2026-01-10T09:00 -q >/dev/null
run -C u points history "$k" --format csv --fields type,points,balance --no-header
expect_out "adjust,100,100
adjust,30,130
redeem,-30,100
redeem,-100,0"
# A gold member's return takes back the base points only (never the bonus of another order).
mkdir -p u/transitions/2026
printf 'date,customer,field,from,to\n2026-01-10,%s,tier,normal,gold\n' "$k" > u/transitions/2026/01.csv
"$CRM" -C u order add --customer "$k" --amount 100 --date 2026-01-11 --id O-G1 --as-of 2026-01-11T10:00 -q >/dev/null
"$CRM" -C u order add --customer "$k" --amount -100 --date 2026-01-12 --id O-G1R --as-of 2026-01-12T10:00 -q >/dev/null
run -C u points history "$k" --as-of 2026-01-12T10:00 --format csv --fields source,points --no-header
expect_out_has "order:O-G1,200
order:O-G1R,-100"
commit_store u
# The return deleted from the store: earn --orders gives back what it took.
sed -i '/O-G1R/d' u/orders/2026/01.yaml
run -C u points earn --orders --as-of 2026-01-13
expect_rc 0
expect_err_has "wrote 1 entries for orders"
run -C u points history "$k" --as-of 2026-01-13 --format csv --fields type,points,balance --no-header
expect_out_has "reverse,100,200"
commit_store u
# Flags past an entry's rules, and a sales user asking about a customer not theirs.
run -C u points adjust --customer "$k" --points 4294967396 --reason x
expect_rc 64
expect_err_has "--points: 4294967396 is past 1000000000"
run -C u points redeem --customer "$k" --points 5 --reward Gift-Cup
expect_rc 65
expect_err_has "--reward: "
add_people u "{name: amy, role: sales, groups: [sales]}"
run -C u points balance "$k" --actor amy
expect_rc 77
git -C u checkout -q -- .
expect_clean u

# --- automations: points about to expire, and the tier's birthday coupon ---
git_store t
python3 - t/crm.yaml <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r"(?ms)^automations:.*?(?=^\S|\Z)", '''automations:
  - {name: points_reminder, trigger: points_expiring, days: 30, kind: service, template: "{name}：{points} 积分将于 {expires} 到期。"}
  - {name: birthday_gift, trigger: birthday_coupon, template: "{name}，生日快乐！{amount} 元生日券已到账。"}
''', text)
open(sys.argv[1], "w").write(text)
PY
export CRM_NOW=2025-08-01T10:00:00+08:00
g=$("$CRM" -C t customer add --name 庚 --phone 13800138007 --birthday 1990-07-01)
h=$("$CRM" -C t customer add --name 辛 --phone 13800138008 --birthday 1991-07-01)
"$CRM" -C t order add --customer "$g" --amount 500 --date 2025-08-01 >/dev/null
"$CRM" -C t order add --customer "$h" --amount 80 --date 2025-08-01 >/dev/null
mkdir -p t/transitions/2026
printf 'date,customer,field,from,to\n2026-06-30,%s,tier,normal,gold\n2026-06-30,%s,tier,,normal\n' "$g" "$h" > t/transitions/2026/06.csv
commit_store t
run -C t automation run --as-of 2026-07-01T02:00:00+08:00
expect_rc 0
expect_out_has "birthday_gift: 1 due, 0 suppressed"
run -C t automation run --as-of 2026-07-02T02:00:00+08:00
expect_out_has "points_reminder: 2 due, 0 suppressed"
run -C t outbox list --as-of 2026-07-02T02:00:00+08:00 --format csv --fields customer,automation,due,text --no-header
out=$(sort <<<"$out")
expect_out "$(sort <<<"$g,birthday_gift,2026-07-01T00:00:00+08:00,庚，生日快乐！50.00 元生日券已到账。
$g,points_reminder,2026-07-02T00:00:00+08:00,庚：500 积分将于 2026-08-01 到期。
$h,points_reminder,2026-07-02T00:00:00+08:00,辛：80 积分将于 2026-08-01 到期。")"
commit_store t
run -C t automation run --as-of 2026-07-02T03:00:00+08:00
expect_clean t
sed -i 's/days: 30, kind: service/kind: service/' t/crm.yaml
run -C t automation run
expect_rc 78
expect_err_has "automations.points_reminder: days: points_expiring needs the days before the points are gone"
git -C t checkout -q -- .

# --- calendar tier assessment: gold earned in 2025 holds (and doubles) through 2026, gone after 12-31 ---
for mode in rolling calendar; do
    git_store "$mode"
    sed -i "s/^  tier_assessment: rolling/  tier_assessment: $mode/" "$mode/crm.yaml"
    grep -q "tier_assessment: $mode" "$mode/crm.yaml" || printf 'rfm:\n  tier_assessment: %s\n' "$mode" >> "$mode/crm.yaml"
    c=$("$CRM" -C "$mode" customer add --name 壬 --ref R --as-of 2025-03-01T09:00)
    "$CRM" -C "$mode" order add --customer R --amount 6000 --date 2025-03-01 --id O-R1 --as-of 2025-03-01T10:00 -q >/dev/null
    for night in 2025-03-01 2026-03-02 2026-10-31; do "$CRM" -C "$mode" rfm recompute --as-of "$night" -q >/dev/null; done
    "$CRM" -C "$mode" order add --customer R --amount 100 --date 2026-11-01 --id O-R2 --as-of 2026-11-01T10:00 -q >/dev/null
    "$CRM" -C "$mode" rfm recompute --as-of 2027-01-01 -q >/dev/null
    run -C "$mode" points history R --as-of 2026-11-01T12:00 --format csv --fields source,points --no-header
    tier_2026=$(grep -h "$c,tier" "$mode"/transitions/*/*.csv | cut -d, -f1,5 | tr '\n' ' ')
    if [ "$mode" = rolling ]; then
        expect_out "order:O-R1,6000
order:O-R2,100"
        [ "$tier_2026" = "2025-03-01,gold 2026-03-02,normal " ] && ok || bad "rolling tiers: $tier_2026"
    else
        expect_out "order:O-R1,6000
order:O-R2,200"
        [ "$tier_2026" = "2025-03-01,gold 2027-01-01,normal " ] && ok || bad "calendar tiers: $tier_2026"
    fi
done
sed -i "s/^  tier_assessment: calendar/  tier_assessment: yearly/" calendar/crm.yaml
run -C calendar rfm recompute
expect_rc 78
expect_err_has "tier_assessment"

finish
