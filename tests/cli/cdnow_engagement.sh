# Nights over the real CDNOW purchase history (../shared/data/cdnow):
# rfm recompute then automation run as of each night from 1997-01-01 (14
# nights, for CI time; ENGAGEMENT_NIGHTS=59 runs to 1997-02-28, about 2 min), with contact data, opt-outs, refusals and quiet hours given to
# some customers. The outbox must never hold more than 2 messages for a
# customer in any 7 days, no marketing message for a customer who opted out,
# a welcome for every first order (within 24 h of the end of its day, or
# suppressed with a reason),
# and re-running a night must add nothing.
source "$TESTS/cli/testlib.bash"
src="$SHARED/data/cdnow/CDNOW_master.txt"
[ -f "$src" ] || { echo "skipped: $src not found"; exit 77; }
cdnow_csv "$src" cdnow.csv
git_store s
CRM_NOW=1996-12-01T00:00:00+08:00 "$CRM" -C s order import cdnow.csv --create-missing -q > /dev/null || exit 1
# Contact data for some: a phone for every 3rd, WeChat preferred by every 4th,
# marketing opt-out for every 5th, quiet hours for every 7th, SMS refused by every 11th.
python3 - cdnow.csv > contacts.csv <<'PY'
import csv, sys
refs = sorted({r["customer"] for r in csv.DictReader(open(sys.argv[1]))})
print("ref,phone,wechat,preferred_channel,opt_out,quiet_hours,refused_channels")
for i, ref in enumerate(refs):
    phone = f"+86139{i:08d}" if i % 3 == 0 else ""
    wechat, preferred = (f"wx{i}", "wechat") if i % 4 == 0 else ("", "")
    opt_out = "1996-12-01T00:00:00+08:00" if i % 5 == 0 else ""
    quiet = "21:00-09:00" if i % 7 == 0 else ""
    refused = "sms" if i % 11 == 0 else ""
    print(f"{ref},{phone},{wechat},{preferred},{opt_out},{quiet},{refused}")
PY
CRM_NOW=1996-12-01T00:00:00+08:00 run -C s customer import contacts.csv -q
expect_rc 0
commit_store s

nights=${ENGAGEMENT_NIGHTS:-14}
final_night=$(date -d "1997-01-01 + $((nights - 1)) days" +%F)
for day in $(seq 0 $((nights - 1))); do
    night=$(date -d "1997-01-01 + $day days" +%F)
    "$CRM" -C s rfm recompute --as-of "$night" -q > /dev/null && "$CRM" -C s automation run --as-of "$night" -q > /dev/null ||
        bad "night $night failed"
done
commit_store s
run -C s check
expect_rc 0

run -C s outbox list --as-of "$final_night" --format csv --fields customer,automation,kind,status,due,reason,key,created
expect_rc 0
echo "$out" > outbox.csv
"$CRM" -C s customer list --as-of "$final_night" --format csv --fields id,ref,opt_out > customers.csv
verdict=$(python3 - outbox.csv customers.csv cdnow.csv "$final_night" <<'PY'
import csv, sys, datetime as dt
T = dt.datetime.fromisoformat
messages = list(csv.DictReader(open(sys.argv[1])))
customers = {r["id"]: r for r in csv.DictReader(open(sys.argv[2]))}
by_ref = {r["ref"]: r["id"] for r in customers.values()}
first = {}
for r in csv.DictReader(open(sys.argv[3])):
    first[r["customer"]] = min(first.get(r["customer"], r["date"]), r["date"])
problems = []
sent = {}
for m in messages:
    if m["status"] in ("due", "sent"):
        sent.setdefault(m["customer"], []).append(T(m["due"]))
week = dt.timedelta(days=7)
for c, dues in sent.items():
    dues.sort()
    for i, s in enumerate(dues):
        n = sum(1 for x in dues if s <= x < s + week)
        if n > 2:
            problems.append(f"{c}: {n} messages in the 7 days from {s}")
for m in messages:
    out = customers[m["customer"]]["opt_out"]
    if m["kind"] == "marketing" and m["status"] == "due" and out and T(out) <= T(m["due"]):
        problems.append(f"{m['customer']}: marketing {m['automation']} after opting out")
    if not m["reason"] and m["status"] == "suppressed":
        problems.append(f"{m['key']}: suppressed without a reason")
keys = {m["key"] for m in messages}
welcomes = {m["key"]: m for m in messages if m["automation"] == "welcome"}
expected = 0
for ref, day in first.items():
    # The last night welcomes the day before's first orders.
    if "1997-01-01" <= day < sys.argv[4]:
        expected += 1
        w = welcomes.get(f"welcome:{by_ref[ref]}")
        if not w:
            problems.append(f"{ref}: first order {day}, no welcome")
        # An order has a date, not a time: its day is over at the next midnight.
        elif w["status"] == "due" and T(w["due"]) - T(day + "T00:00:00+08:00") > dt.timedelta(hours=48):
            problems.append(f"{ref}: welcome due {w['due']}, more than 24 h after the end of {day}")
if len(keys) != len(messages):
    problems.append("a key is used twice")
print(f"{len(messages)} messages, {expected} welcomes expected, {len(problems)} problems")
for p in problems[:10]:
    print(p)
PY
)
expect "the outbox keeps every rule: $verdict" grep -q " 0 problems" <<<"$verdict"
expect "the nights wrote messages" test "$(grep -c ,due, outbox.csv)" -gt 2000

# Re-running nights adds nothing.
for night in 1997-01-01 1997-01-07 "$final_night"; do "$CRM" -C s automation run --as-of "$night" -q > /dev/null; done
expect_clean s

# The journey of one customer: orders, classification changes and messages in time order.
run -C s customer timeline 00002 --as-of "$final_night" --format csv --fields at,what,event
expect_rc 0
expect "timeline in time order" python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
whats = [r["what"] for r in rows]
assert rows == sorted(rows, key=lambda r: r["at"]), "not in time order"
assert "order" in whats and "rfm" in whats and "message" in whats, whats
' <<<"$out"
finish
