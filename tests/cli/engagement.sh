# Interactions, contact preferences, automations, the outbox and the timeline,
# on hand-made stores: every trigger and every suppression rule, idempotence
# across nightly runs, and the files written.
source "$TESTS/cli/testlib.bash"
git_store s
add() { CRM_NOW=2026-01-01T09:00:00+08:00 "$CRM" -C s customer add --name "$1" --ref "$2" "${@:3}"; }
a=$(add 甲 A --phone 13800138001 --wechat wx_a --preferred-channel wechat)
b=$(add 乙 B --phone 13800138002 --opt-out 2026-01-01T09:00:00+08:00)
c=$(add 丙 C --email c@example.com --refused-channels sms,wechat)
d=$(add 丁 D --phone 13800138004 --quiet-hours 21:00-09:00)
e=$(add 戊 E --phone 13800138005 --birthday 1990-03-10)
f=$(add 己 F)
commit_store s
# expect_rows DESCRIPTION ROWS: stdout holds exactly these lines, in any order
# (messages due at one moment are in ID order, and IDs are minted at random).
expect_rows() {
    if [ "$(sort <<<"$out")" = "$(sort <<<"$2")" ]; then ok; else bad "$1: expected the rows
$2"; fi
}

# --- interactions ---
run -C s interaction log --customer A --channel phone --direction in --note "询问退货" --at 2026-11-23T09:30
expect_rc 0
ia=$out
expect "the interaction is in its month's shard" grep -q "^- {id: $ia, customer: $a, at: 2026-11-23T09:30:00+08:00, channel: phone, direction: in, by: tester, note: 询问退货, created: 2026-11-23T10:00:00+08:00}\$" s/interactions/2026/11.yaml
run -C s interaction log --customer B --channel fax --direction in
expect_rc 65
expect_err_has "--channel"
run -C s interaction log --customer B --channel sms --direction out --at 2026-11-24T09:00
expect_rc 65
expect_err_has "--at: 2026-11-24T09:00 is later than this command's time 2026-11-23T10:00:00+08:00"
run -C s interaction log --customer ZZZ --channel sms --direction out
expect_rc 66
run -C s interaction log --customer B --channel sms --direction out --note $'a\x01b'
expect_rc 65
expect_err_has "--note: holds a control character (U+0001)"
lead=$("$CRM" -C s lead add --name 线索 --phone 13900139000)
"$CRM" -C s lead log "$lead" --channel phone --note "first call" >/dev/null
run -C s interaction list --format csv --fields id,customer,channel,direction,lead,note
expect_rc 0
expect_out "id,customer,channel,direction,lead,note
$ia,$a,phone,in,,询问退货
$lead,,phone,out,$lead,first call"
run -C s interaction list --customer A --from 2026-11-24 --format csv --no-header
expect_out ""
run -C s check
expect_rc 0
expect_err_has "1 interactions"
commit_store s
# A stray line in a shard is an error naming it, never a shorter shard.
printf 'note: 1\n' >> s/interactions/2026/11.yaml
run -C s check
expect_rc 1
expect_out_has "interactions/2026/11.yaml"
run -C s interaction log --customer A --channel sms --direction out
expect_rc 65
expect_err_has "interactions/2026/11.yaml"
git -C s checkout -q -- .
# A shard line in the wrong month, and a reference to no customer.
sed -e 's/at: 2026-11-23/at: 2026-10-23/' -e "s/customer: $a/customer: C-00000000/" s/interactions/2026/11.yaml > x && cp x s/interactions/2026/11.yaml
run -C s check
expect_rc 1
expect_out_has "interactions/2026/11.yaml:1: at: 2026-10-23T09:30:00+08:00 belongs in interactions/2026/10.yaml"
git -C s checkout -q -- .

# --- automations: first order (welcome, service), survey 3 days on, no repurchase after 7 ---
printf 'customer,date,amount\nA,2026-11-01,100\nB,2026-11-01,100\nC,2026-11-01,100\nD,2026-11-01,100\nF,2026-11-01,100\nA,2026-11-05,50\n' > o.csv
"$CRM" -C s order import o.csv -q >/dev/null
commit_store s
night() { "$CRM" -C s automation run --as-of "$1" -q; }
# An order's day is known at its end: its welcome falls due at the next midnight.
run -C s automation run --as-of 2026-11-01
expect_rc 0
expect_out ""
run -C s automation run --as-of 2026-11-02 --dry-run
expect_rc 0
expect_clean s
run -C s automation run --as-of 2026-11-02
expect_rc 0
expect_out "welcome: 4 due, 1 suppressed"
run -C s outbox list --format csv --no-header --fields customer,automation,kind,channel,status,due,reason,text
expect_rows "welcomes: service, by preference, refusals and quiet hours" "$a,welcome,service,wechat,due,2026-11-02T00:00:00+08:00,,甲，您好！感谢您的首次购买，欢迎成为我们的会员。
$b,welcome,service,sms,due,2026-11-02T00:00:00+08:00,,乙，您好！感谢您的首次购买，欢迎成为我们的会员。
$c,welcome,service,email,due,2026-11-02T00:00:00+08:00,,丙，您好！感谢您的首次购买，欢迎成为我们的会员。
$d,welcome,service,sms,due,2026-11-02T09:00:00+08:00,deferred from 2026-11-02T00:00:00+08:00 (quiet hours 21:00-09:00),丁，您好！感谢您的首次购买，欢迎成为我们的会员。
$f,welcome,service,,suppressed,2026-11-02T00:00:00+08:00,\"no channel: wechat unknown, sms unknown, email unknown\","
expect "the outbox is in its month's shard" test "$(wc -l < s/outbox/2026/11.yaml)" = 5
# A sender gets the name and the address on the message's channel.
run -C s outbox list --customer C --format csv --fields name,channel,to --no-header
expect_out "丙,email,c@example.com"
# What to send now: D's welcome waits for the end of its quiet hours.
commit_store s
run -C s outbox list --as-of 2026-11-02T08:00:00+08:00 --status due --format csv --fields customer --no-header
expect_rows "due by 08:00" "$a
$b
$c"
dm=$("$CRM" -C s outbox list --customer D --format csv --fields id --no-header)
run -C s outbox mark "$dm" sent --at 2026-11-02T08:30:00+08:00
expect_rc 65
expect_err_has "--at: 2026-11-02T08:30:00+08:00 is before the message was due, 2026-11-02T09:00:00+08:00"
expect_clean s
run -C s automation run --as-of 2026-11-02
expect_rc 0
expect_clean s
for day in 03 04 05 06 07; do night 2026-11-$day >/dev/null; done
run -C s outbox list --format csv --no-header --fields customer,automation,status,due,reason --automation survey
expect_rows "surveys three days on" "$a,survey,due,2026-11-05T00:00:00+08:00,
$b,survey,due,2026-11-05T00:00:00+08:00,
$c,survey,due,2026-11-05T00:00:00+08:00,
$d,survey,due,2026-11-05T09:00:00+08:00,deferred from 2026-11-05T00:00:00+08:00 (quiet hours 21:00-09:00)
$f,survey,suppressed,2026-11-05T00:00:00+08:00,\"no channel: wechat unknown, sms unknown, email unknown\""
# One message a week: C's and D's reminders on 11-09 (no order on any day up to
# 11-08) would make the week from their surveys (service, so sent) hold two.
# A bought again on 11-05: no reminder. B opted out of marketing.
sed -i 's/^  max_per_week: 2 /  max_per_week: 1 /' s/crm.yaml
grep -q "max_per_week: 1" s/crm.yaml || sed -i '$a contact: {max_per_week: 1}' s/crm.yaml
for day in 08 09 10; do night 2026-11-$day >/dev/null; done
run -C s outbox list --format csv --no-header --fields customer,status,reason --automation repurchase_reminder
expect_rows "reminders: opt-out, the cap, no channel" "$b,suppressed,opted out of marketing at 2026-01-01T09:00:00+08:00
$c,suppressed,frequency cap: 1 messages in 7 days
$d,suppressed,frequency cap: 1 messages in 7 days
$f,suppressed,\"no channel: wechat unknown, sms unknown, email unknown\""
commit_store s
# Re-running every night adds nothing.
for day in 01 02 03 04 05 06 07 08 09 10; do night 2026-11-$day >/dev/null; done
expect_clean s

# --- birthday, ticket solved, lifecycle transitions, late ---
run -C s automation run --as-of 2027-03-10
expect_out_has "birthday: 1 due, 0 suppressed"
git -C s checkout -q -- . && git -C s clean -qfd
t=$(CRM_NOW=2026-11-20T10:00:00+08:00 "$CRM" -C s ticket open --customer C --subject 破损 --type quality)
CRM_NOW=2026-11-21T15:00:00+08:00 "$CRM" -C s ticket status "$t" solved >/dev/null
run -C s automation run --as-of 2026-11-21T16:00:00+08:00
expect_out_has "csat: 1 due, 0 suppressed"
run -C s outbox list --automation csat --format csv --fields channel,status,due,text,ticket
expect_out "channel,status,due,text,ticket
email,due,2026-11-21T15:00:00+08:00,丙，您好！您的问题（$t）已解决，请为我们的服务打分（1-5）。,$t"
# Replayed later, that evening is as it stood: the ticket reopened and solved
# again since still had its CSAT due from the first solve.
git -C s checkout -q -- outbox 2>/dev/null; git -C s clean -qfd outbox
CRM_NOW=2026-11-22T10:00:00+08:00 "$CRM" -C s ticket status "$t" open >/dev/null
CRM_NOW=2026-11-23T10:00:00+08:00 "$CRM" -C s ticket status "$t" solved >/dev/null
run -C s automation run --as-of 2026-11-21T16:00:00+08:00
expect_out_has "csat: 1 due, 0 suppressed"
run -C s outbox list --automation csat --format csv --fields due,ticket --no-header
expect_out "2026-11-21T15:00:00+08:00,$t"
"$CRM" -C s rfm recompute --as-of 2027-02-15 -q >/dev/null
run -C s automation run --as-of 2027-02-15
expect_out_has "wake_up: 3 due, 2 suppressed"
run -C s outbox list --as-of 2027-02-16 --automation wake_up --status suppressed --format csv --fields customer,reason --no-header
expect_rows "wake-ups: opted out, no channel" "$b,opted out of marketing at 2026-01-01T09:00:00+08:00
$f,\"no channel: wechat unknown, sms unknown, email unknown\""
# A first order found more than 24 hours after its welcome fell due: suppressed as late, with the reason.
printf 'customer,date,amount\nE,2027-02-14,10\n' > late.csv
"$CRM" -C s order import late.csv -q >/dev/null
run -C s automation run --as-of 2027-02-16T06:00:00+08:00
run -C s outbox list --as-of 2027-02-17 --customer E --automation welcome --format csv --fields status,reason --no-header
expect_out "suppressed,\"late: due 2027-02-15T00:00:00+08:00, past its window of 24h\""
run -C s automation run --as-of 2027-02-18
run -C s outbox list --as-of 2027-02-18 --customer E --automation survey --format csv --fields channel,status --no-header
expect_out "sms,due"
commit_store s

# --- the outbox: a sender marks messages; a sent one becomes an interaction ---
m=$("$CRM" -C s outbox list --customer A --automation welcome --format csv --fields id --no-header)
run -C s outbox mark "$m" sent --at 2026-11-21T10:00:00+08:00
expect_rc 0
run -C s interaction list --customer A --format csv --fields channel,direction,message,note --no-header
expect_out "wechat,out,$m,甲，您好！感谢您的首次购买，欢迎成为我们的会员。
phone,in,,询问退货"
# What came of it: A answered within the week (the call on 11-23).
run -C s report engagement --format csv
expect_rc 0
expect_out_has "automation,channel,messages,due,sent,failed,suppressed,responded,response_rate,repurchased,repurchase_rate"
expect_out_has "welcome,wechat,1,0,1,0,0,1,1.000,0,0.000"
run -C s report engagement --by reason --format csv --no-header
expect_out "frequency cap,2
no channel,3
opted out of marketing,1"
# Logged within the hour: the call (30 minutes later) yes, the message sent two days before no.
run -C s report interactions --format csv --no-header
expect_out "2026-11,phone,1,1,0,1,1.000
2026-11,wechat,1,0,1,0,0.000"
run -C s outbox mark "$m" failed
expect_rc 65
expect_err_has "is sent: only a due or failed message can be marked"
run -C s outbox mark M-NOSUCHTHING sent
expect_rc 66
run -C s check
expect_rc 0

# --- the timeline: everything about one customer, in time order ---
order_of() { grep -o "id: [^,]*, customer: $a, date: $1" s/orders/2026/11.yaml | cut -d' ' -f2 | tr -d ,; }
survey=$("$CRM" -C s outbox list --customer A --automation survey --format csv --fields id --no-header)
run -C s customer timeline A --format csv --fields what,id,event
expect_rc 0
expect_out "what,id,event
customer,$a,registered
order,$(order_of 2026-11-01),order
order,$(order_of 2026-11-05),order
message,$survey,survey due
message,$m,welcome sent
interaction,$ia,phone in"
# As of 11-03 the welcome was still due, and nothing after that day had happened.
run -C s customer timeline A --as-of 2026-11-03 --format csv --fields what,event --no-header
expect_out "customer,registered
order,order
message,welcome due"
run -C s customer timeline A --as-of 2027-02-16 --format csv --fields what,event --no-header
expect_out_has "rfm,lifecycle
rfm,segment"
expect_out_has "message,wake_up due"

# --- forget reaches interactions and messages ---
run -C s customer forget A --as-of 2027-03-01
expect_rc 0
expect "the interaction's note is erased" test -z "$(grep -F 询问退货 s/interactions/2026/11.yaml)"
expect "the messages' text is erased" test -z "$(grep -F 甲 -r s/outbox)"
run -C s outbox list --customer "$a" --format csv --fields automation,status,reason --no-header
expect_out "welcome,sent,
survey,suppressed,customer forgotten"
# ... and a forgotten customer is contacted no more.
commit_store s
"$CRM" -C s rfm recompute --as-of 2027-06-01 -q >/dev/null
run -C s automation run --as-of 2027-06-01
expect_rc 0
expect "no message for a forgotten customer" test -z "$("$CRM" -C s outbox list --as-of 2027-06-02 --customer "$a" --automation win_back --format csv --no-header)"

# A campaign day: every customer who can be reached, once a year.
git_store s2
sed -i '/^automations:/,$d' s2/crm.yaml  # the list is replaced whole
printf 'automations:\n  - {name: singles_day, trigger: date, day: "11-11", channels: [sms], template: "{name}，双十一快乐"}\n' >> s2/crm.yaml
CRM_NOW=2026-01-01T09:00:00+08:00 "$CRM" -C s2 customer add --name 庚 --phone 13800138009 >/dev/null
CRM_NOW=2026-01-01T09:00:00+08:00 "$CRM" -C s2 customer add --name 辛 >/dev/null
run -C s2 automation run --as-of 2026-11-11T08:00:00+08:00
expect_out "singles_day: 1 due, 1 suppressed"
run -C s2 automation run --as-of 2026-11-12T08:00:00+08:00
expect_out ""
run -C s2 outbox list --as-of 2026-11-12 --status due --format csv --fields key,text --no-header
expect_out_has ":2026,庚，双十一快乐"
finish
