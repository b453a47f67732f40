# Bad input, table-driven: each case has its exit code, a fragment of its message,
# and leaves the git-tracked store unchanged.
source "$TESTS/cli/testlib.bash"
git_store s
c=$("$CRM" -C s customer add --name 张三 --ref K1)
l=$("$CRM" -C s lead add --name 李四 --phone 13700137000)
t=$("$CRM" -C s ticket open --customer K1 --subject 测试)
"$CRM" -C s order add --customer K1 --amount 1 --date 2026-11-01 >/dev/null
commit_store s

csv() { printf '%b' "$2" > "$1"; }
csv missing_cols.csv 'customer,amount\nK1,1\n'
csv ragged.csv 'customer,date,amount\nK1,2026-01-01,1,extra\n'
csv bad_date.csv 'customer,date,amount\nK1,2026-02-30,1\n'
csv bad_amount.csv 'customer,date,amount\nK1,2026-02-03,12,5\n'
csv quoted_amount.csv 'customer,date,amount\nK1,2026-02-03,"12,5"\n'
csv sci.csv 'customer,date,amount\nK1,2026-02-03,1e3\n'
csv overflow.csv 'customer,date,amount\nK1,2026-02-03,99999999999999999999\n'
csv unterminated.csv 'customer,date,amount\nK1,2026-02-03,"1\n'
csv latin1.csv 'ref,name\nK9,Jos\xe9\n'
csv binary.csv 'ref,name\nK9,a\x01b\n'
csv traversal_id.csv 'customer,date,amount,id\nK1,2026-02-03,1,../../etc/passwd\n'
csv empty.csv ''
csv header_only_bad.csv 'nme\n'
csv dup_ref.csv 'ref,name\nK7,a\nK7,b\n'
csv lead_bant.csv 'name,budget\nX,30\n'
csv ticket_close.csv 'created,closed\n2026-01-02T10:00:00+08:00,2026-01-01T10:00:00+08:00\n'
csv ticket_longref.csv "ref,created\n$(printf 'r%.0s' {1..201}),2026-01-02T10:00:00+08:00\n"
csv ticket_nocreated.csv 'ref,subject\nR1,x\n'
csv ticket_time.csv 'created\n31/12/2026\n'
python3 -c "print('ref,name'); print('K8,' + 'x' * 10_000_001)" > huge.csv
python3 -c "print(','.join(f'c{i}' for i in range(2000)))" > wide.csv
mkdir -p adir
csv nul_header.csv 'ref,na\x00me\nK9,x\n'
csv dup_col.csv 'name,name\nx,y\n'
csv lead_dupref.csv 'ref,name\nR1,a\nR1,b\n'
csv lead_bad_status.csv 'name,status\nx,sold\n'
csv lead_lost.csv 'name,status\nx,lost\n'
csv lead_created.csv 'name,created\nx,yesterday\n'
csv lead_phone.csv 'name,phone\nx,12\n'
csv lead_ctrl.csv 'name\na\x07b\n'
csv cust_phone.csv 'name,phone\nx,12\n'
csv cust_bday.csv 'name,birthday\nx,1990-02-30\n'
csv cust_owner.csv 'name,owner\nx,ghost\n'
csv cust_noid.csv 'id,name\nC-ZZZZZZZZZZ,x\n'
csv cust_ref.csv 'ref,name\n../x,x\n'
csv order_nocust.csv 'customer,date,amount\nK404,2026-11-01,1\n'
csv order_date.csv 'customer,date,amount\nK1,2026-11-31,1\n'
csv order_neg_qty.csv 'customer,date,amount,quantity\nK1,2026-11-01,1,-2\n'
csv order_big.csv 'customer,date,amount\nK1,2026-11-01,1000000000000.01\n'
csv order_ctrl.csv 'customer,date,amount,product\nK1,2026-11-01,1,a\x01b\n'
csv order_dupid.csv 'customer,date,amount,id\nK1,2026-11-01,1,O-7\nK1,2026-11-02,1,O-7\n'
csv ticket_type.csv 'created,type\n2026-11-01T10:00:00+08:00,bug\n'
csv ticket_prio.csv 'created,priority\n2026-11-01T10:00:00+08:00,p0\n'
csv ticket_status.csv 'created,status\n2026-11-01T10:00:00+08:00,done\n'
csv ticket_cust.csv 'created,customer\n2026-11-01T10:00:00+08:00,K404\n'
csv ticket_nul.csv 'created,subject\n2026-11-01T10:00:00+08:00,a\x00b\n'
csv ticket_channel.csv 'created,channel\n2026-11-01T10:00:00+08:00,fax\n'
csv ticket_dupref.csv 'created,ref\n2026-11-01T10:00:00+08:00,R1\n2026-11-02T10:00:00+08:00,R1\n'
csv ticket_subject.csv "created,subject\n2026-11-01T10:00:00+08:00,$(printf 's%.0s' {1..2001})\n"
python3 -c "import sys; sys.stdout.buffer.write(b'name: ' + b'\\xff\\xfe' * 5 + b'\\n')" > garbage.yaml

# exit | message fragment | crm arguments (word-split; files are in the working folder)
cases=$(cat <<'TABLE'
64|--bogus|customer add --name x --bogus
64|A subcommand is required|customer
64|--format|--format xml customer list
64|--fields: unknown field "nope"|customer list --fields nope
64|--as-of|--as-of 2026-13-45 customer list
64|is not field=value|customer list --where name
65|--phone: "abc" is not a phone number|customer add --name x --phone abc
65|--email: "a@b" is not an email address|customer add --name x --email a@b
65|--kind: "robot" is not one of company, person|customer add --name x --kind robot
65|--birthday: "2026-02-30" is not a date|customer add --name x --birthday 2026-02-30
65|--owner: "ghost" is not in people|customer add --name x --owner ghost
65|--credit-code|customer add --name x --credit-code 123
66|no customer with this ID or ref|customer show ../x
66|no customer with this ID or ref|customer show /etc/passwd
66|no customer with this ID or ref|customer set C-ZZZZZZZZZZ --region x
65|--amount: "12,5" is not a decimal|order add --customer K1 --amount 12,5
65|--amount: "1e3" is not a decimal|order add --customer K1 --amount 1e3
65|--amount: "1.005" has more than 2 decimals|order add --customer K1 --amount 1.005
65|--amount: "99999999999999999999" is too large|order add --customer K1 --amount 99999999999999999999
65|--id: "../x" is not a valid order ID|order add --customer K1 --amount 1 --id ../x
65|--date: "2026-02-29" is not a date|order add --customer K1 --amount 1 --date 2026-02-29
65|--product: is longer than 500 bytes|order add --customer K1 --amount 1 --product PRODUCT501
65|--channel: is longer than 100 bytes|order add --customer K1 --amount 1 --channel CHANNEL101
65|date: required column is missing|order import missing_cols.csv
65|has 4 fields, the header has 3|order import ragged.csv
65|bad_date.csv:2: date: "2026-02-30" is not a date|order import bad_date.csv
65|has 4 fields, the header has 3|order import bad_amount.csv
65|quoted_amount.csv:2: amount: "12,5" is not a decimal|order import quoted_amount.csv
65|sci.csv:2: amount: "1e3" is not a decimal|order import sci.csv
65|overflow.csv:2: amount: "99999999999999999999" is too large|order import overflow.csv
65|unterminated.csv:2: unterminated quoted field|order import unterminated.csv
65|traversal_id.csv:2: id: "../../etc/passwd" is not a valid order ID|order import traversal_id.csv
66|cannot open|order import no-such-file.csv
65|empty file: a header row is needed|customer import empty.csv
65|nme: unknown column|customer import header_only_bad.csv
65|not UTF-8 text|customer import latin1.csv
65|name: holds a control character|customer import binary.csv
65|huge.csv:2: column 2: a field of 10000001 bytes, more than 1048576|customer import huge.csv
65|dup_ref.csv:3: ref: "K7" appears twice (also line 2)|customer import dup_ref.csv
65|budget: 30 is more than 25|lead import lead_bant.csv
65|--budget: -1 is less than 0|lead add --name x --budget -1
65|--budget: "x" is not an integer|lead add --name x --budget x
65|--credit-code: "91110000IOOOOOOOOO" does not match ^[0-9A-HJ-NPQRTUWXY]{18}$|customer add --name X --credit-code 91110000IOOOOOOOOO
65|--region: is longer than 200 bytes|customer add --name X --region REGION300
65|--region: is longer than 200 bytes|customer set K1 --region REGION300
65|--company: is longer than 500 bytes|lead add --name X --company COMPANY600
65|subject: is longer than 2000 bytes|ticket open --customer K1 --subject SUBJECT2001
65|--source: "tv" is not one of|lead add --name x --source tv
65|"archived" is not one of|lead status LEADID archived
65|only a won lead can be converted|lead convert LEADID
65|lost needs --reason|lead status LEADID lost
65|--channel: "fax" is not one of|lead log LEADID --channel fax
65|--next: "tomorrow" is not a date|lead log LEADID --channel phone --next tomorrow
65|--type: "complaint" is not one of|ticket open --customer K1 --subject x --type complaint
65|--priority: "urgent" is not one of|ticket open --customer K1 --subject x --priority urgent
66|no customer with this ID or ref|ticket open --customer ../../x --subject x
65|rate it once it is solved or closed|ticket rate TICKETID --score 5
65|--score: 9 is not 1 to 5|ticket rate TICKETID --score 9
65|"shipped" is not one of|ticket status TICKETID shipped
65|closed: 2026-01-01T10:00:00+08:00 is before created|ticket import ticket_close.csv
65|ticket_longref.csv:2: ref: is longer than 200 bytes|ticket import ticket_longref.csv
65|created: required column is missing|ticket import ticket_nocreated.csv
65|created: "31/12/2026" is not a time|ticket import ticket_time.csv
64|--map: "nothing" is not FIELD=COLUMN|ticket import ticket_time.csv --map nothing
64|--timezone: "bogus"|ticket import no-such-file.csv --timezone bogus
64|--by: "weekday" is not one of|report sla --by weekday
64|--month: "2026-13" is not YYYY-MM|report complaints --month 2026-13
64|--by: "colour" is not one of|report rfm --by colour
64|--lifecycle: "zombie" is not one of prospect, new, active, sleeping, lost|customer list --lifecycle zombie
64|--tier: "platinum" is not one of diamond, gold, silver, normal|customer list --tier platinum
64|--segment: "vip" is not one of champions|customer list --segment vip
64|--priority: "urgent" is not one of high, medium, low|ticket list --priority urgent
64|--status: "done" is not one of open, pending|ticket list --status done
64|--status: "wonn" is not one of new, contacted|lead list --status wonn
64|--grade: "D" is not one of A, B, C|lead list --grade D
64|--owner: "alcie" is not one of|lead list --owner alcie
64|--owner: "alcie" is not one of|customer list --owner alcie
64|--owner: "alcie" is not one of|followup due --owner alcie
64|--assignee: "alcie" is not one of|ticket list --assignee alcie
65|"done" is not one of open, pending, on_hold, solved, closed|ticket status TICKETID done
64|--from: "2026-13" is not a date (YYYY-MM-DD) or a month (YYYY-MM)|report retention --from 2026-13
64|--bogus|lead add --name x --bogus
64|--bogus|ticket open --customer K1 --subject x --bogus
64|--bogus|order add --customer K1 --amount 1 --bogus
64|A subcommand is required|lead
64|A subcommand is required|ticket
64|A subcommand is required|order
64|A subcommand is required|report
64|A subcommand is required|audit
64|A subcommand is required|rfm
64|--name is required|customer add
64|--name is required|lead add
64|--customer is required|ticket open --subject x
64|--subject is required|ticket open --customer K1
64|--customer is required|order add --amount 1
64|--amount is required|order add --customer K1
64|--channel is required|lead log LEADID
64|--note is required|ticket reply TICKETID
64|--score is required|ticket rate TICKETID
64|status is required|ticket status TICKETID
64|status is required|lead status LEADID
64|file is required|customer import
64|file is required|order import
64|file is required|lead import
64|file is required|ticket import
64|--format|--format xlsx lead list
64|--format|--format xml ticket list
64|--format|--format pdf report rfm
64|--fields: unknown field "nope"|lead list --fields nope
64|--fields: unknown field "nope"|ticket list --fields nope
64|--fields: unknown field "nope"|order list --fields nope
64|--fields: unknown field "nope"|report rfm --fields nope
64|--as-of|--as-of tomorrow lead list
64|--as-of|--as-of 2026-02-30 ticket list
64|--as-of|--as-of 2026-11-23T25:00:00+08:00 customer list
64|--from|order list --from 2026/11/01
64|--to|order list --to yesterday
64|--from|audit list --from 2026-02-30
64|--to|audit list --to never
64|--from|report sla --from 11/2026
64|--to|report sla --to 2026-13-01
64|--to|report retention --to 2026-00
64|--by: "weekday" is not one of|report leads --by weekday
64|--by: "weekday" is not one of|report funnel --by weekday
64|--type: "complaint" is not one of|ticket list --type complaint
64|--grade: "E" is not one of|lead list --grade E
64|--where: unknown field "nope"|customer list --where nope=1
64|--dry-run|customer list --dry-run
64|--dry-run|report rfm --dry-run
64|--dry-run|check --dry-run
64|--dry-run|audit list --dry-run
64|--unset: "nope" is not a customer field|customer set K1 --unset nope
64|--unset: name cannot be removed|customer set K1 --unset name
64|--unset: id cannot be removed|customer set K1 --unset id
64|help: no command "nope"|help nope
64|The following argument was not expected: extra|customer list extra
64|The following argument was not expected: extra|lead list extra
64|Could not convert: --score = x|ticket rate TICKETID --score x
65|--phone: "12" is not a phone number|lead add --name x --phone 12
65|--phone: "phone" is not a phone number|lead add --name x --phone phone
65|--email: "nobody" is not an email address|lead add --name x --email nobody
65|--email: "a@@b.c" is not an email address|customer add --name x --email a@@b.c
65|--phone: "1380013800012345678" is not a phone number|customer add --name x --phone 1380013800012345678
65|--phone: "abc" is not a phone number|customer set K1 --phone abc
65|--email: "x" is not an email address|customer set K1 --email x
65|--owner: "ghost" is not in people|lead add --name x --owner ghost
65|--owner: "ghost" is not in people|customer set K1 --owner ghost
65|--owner: "ghost" is not in people|lead set LEADID --owner ghost
65|--to: "ghost" is not in people|lead assign LEADID --to ghost
65|--to: "ghost" is not in people|ticket assign TICKETID --to ghost
65|--birthday: "1990-13-01" is not a date|customer add --name x --birthday 1990-13-01
65|--birthday: "19900101" is not a date|customer set K1 --birthday 19900101
65|--kind: "alien" is not one of|customer set K1 --kind alien
65|--credit-code: "X" does not match|customer set K1 --credit-code x
65|--ref: "../x" does not match|customer add --name x --ref ../x
65|--ref: "a/b" does not match|customer set K1 --ref a/b
65|--ref: ".x" does not match|lead add --name x --ref .x
65|--ref: "a\\b" does not match|lead set LEADID --ref a\b
65|--ref: "K1" is already customer|customer add --name x --ref K1
65|--budget: 26 is more than 25|lead add --name x --budget 26
65|--authority: 26 is more than 25|lead add --name x --authority 26
65|--need: -3 is less than 0|lead add --name x --need -3
65|--timeline: "soon" is not an integer|lead add --name x --timeline soon
65|--budget: "1.5" is not an integer|lead set LEADID --budget 1.5
65|--source: "tv" is not one of|lead set LEADID --source tv
65|--company: is longer than 500 bytes|lead set LEADID --company COMPANY600
65|--region: is longer than 200 bytes|lead add --name x --region REGION300
65|--name: is longer than 500 bytes|customer add --name COMPANY600
65|--name: is longer than 500 bytes|lead add --name COMPANY600
65|--next: "2026-02-30" is not a date|lead log LEADID --channel phone --next 2026-02-30
65|--channel: "smoke" is not one of|lead log LEADID --channel smoke
65|"closed" is not one of|lead status LEADID closed
65|--channel: "fax" is not one of|ticket open --customer K1 --subject x --channel fax
65|--type: "bug" is not one of|ticket open --customer K1 --subject x --type bug
65|--priority: "p1" is not one of|ticket open --customer K1 --subject x --priority p1
65|--description: is longer than 100000 bytes|ticket open --customer K1 --subject x --description DESC100001
65|--score: 0 is not 1 to 5|ticket rate TICKETID --score 0
65|--score: -1 is not 1 to 5|ticket rate TICKETID --score -1
65|"reopened" is not one of|ticket status TICKETID reopened
65|--amount: "-" is not a decimal|order add --customer K1 --amount -
65|--amount: "1." is not a decimal|order add --customer K1 --amount 1.
65|--amount: ".5" is not a decimal|order add --customer K1 --amount .5
65|--amount: "+1" is not a decimal|order add --customer K1 --amount +1
65|--amount: "1,000" is not a decimal|order add --customer K1 --amount 1,000
65|--amount: "0x10" is not a decimal|order add --customer K1 --amount 0x10
65|--amount: "NaN" is not a decimal|order add --customer K1 --amount NaN
65|--amount: "inf" is not a decimal|order add --customer K1 --amount inf
65|--amount: "1000000000000.01" is more than 1000000000000.00|order add --customer K1 --amount 1000000000000.01
65|--amount: "-1000000000000.01" is more than 1000000000000.00|order add --customer K1 --amount -1000000000000.01
65|--date: "2026-11-31" is not a date|order add --customer K1 --amount 1 --date 2026-11-31
65|--date: "today" is not a date|order add --customer K1 --amount 1 --date today
65|--date: "2026-1-1" is not a date|order add --customer K1 --amount 1 --date 2026-1-1
65|--id: "a/b" is not a valid order ID|order add --customer K1 --amount 1 --id a/b
65|--id: ".x" is not a valid order ID|order add --customer K1 --amount 1 --id .x
65|--quantity: "-1" is not a whole number|order add --customer K1 --amount 1 --quantity -1
65|--quantity: "1.5" is not a whole number|order add --customer K1 --amount 1 --quantity 1.5
65|--quantity: "many" is not a whole number|order add --customer K1 --amount 1 --quantity many
65|--ref: "../o" does not match|order add --customer K1 --amount 1 --ref ../o
66|no customer with this ID or ref|order add --customer K404 --amount 1
66|no customer with this ID or ref|order list --customer K404
66|no customer with this ID or ref|customer show K404
66|no customer with this ID or ref|customer export K404
66|no customer with this ID or ref|customer forget K404
66|no lead with this ID or ref|lead show L-ZZZZZZZZZZ
66|no lead with this ID or ref|lead set nothing --region x
66|no lead with this ID or ref|lead log nothing --channel phone
66|no lead with this ID or ref|lead status nothing won
66|no ticket with this ID or ref|ticket show T-ZZZZZZZZZZ
66|no ticket with this ID or ref|ticket reply nothing --note x
66|no ticket with this ID or ref|ticket status nothing solved
66|no ticket with this ID or ref|ticket rate nothing --score 5
66|cannot open|customer import no-such-file.csv
66|cannot open|lead import no-such-file.csv
66|cannot open|ticket import no-such-file.csv
66|adir: is a directory|order import adir
66|adir: is a directory|lead import adir
65|empty file: a header row is needed|order import empty.csv
65|empty file: a header row is needed|lead import empty.csv
65|empty file: a header row is needed|ticket import empty.csv
65|not UTF-8 text|order import latin1.csv
65|not UTF-8 text|lead import latin1.csv
65|not UTF-8 text|ticket import latin1.csv
65|wide.csv:1: more than 1000 columns|customer import wide.csv
65|wide.csv:1: more than 1000 columns|order import wide.csv
65|wide.csv:1: more than 1000 columns|lead import wide.csv
65|wide.csv:1: more than 1000 columns|ticket import wide.csv
65|huge.csv:2: column 2: a field of 10000001 bytes|lead import huge.csv
65|nul_header.csv:1: column "na\x00me" holds a control character|customer import nul_header.csv
65|dup_col.csv:1: name: column appears twice|customer import dup_col.csv
65|lead_dupref.csv:3: ref: "R1" appears twice (also line 2)|lead import lead_dupref.csv
65|lead_bad_status.csv:2: status: "sold" is not one of|lead import lead_bad_status.csv
65|lead_lost.csv:2: status: a lost lead needs its reason|lead import lead_lost.csv
65|lead_created.csv:2: created: "yesterday" is not an RFC 3339 time|lead import lead_created.csv
65|lead_phone.csv:2: phone: "12" is not a phone number|lead import lead_phone.csv
65|lead_ctrl.csv:2: name: holds a control character|lead import lead_ctrl.csv
65|cust_phone.csv:2: phone: "12" is not a phone number|customer import cust_phone.csv
65|cust_bday.csv:2: birthday: "1990-02-30" is not a date|customer import cust_bday.csv
65|cust_owner.csv:2: owner: "ghost" is not in people|customer import cust_owner.csv
65|cust_noid.csv:2: id: "C-ZZZZZZZZZZ": no such customer|customer import cust_noid.csv
65|cust_ref.csv:2: ref: "../x" does not match|customer import cust_ref.csv
65|order_nocust.csv:2: customer|order import order_nocust.csv
65|order_date.csv:2: date: "2026-11-31" is not a date|order import order_date.csv
65|order_neg_qty.csv:2: quantity: "-2" is not a whole number|order import order_neg_qty.csv
65|order_big.csv:2: amount: "1000000000000.01" is more than|order import order_big.csv
65|order_ctrl.csv:2: product: holds a control character|order import order_ctrl.csv
65|order_dupid.csv:3: id: "O-7" appears twice|order import order_dupid.csv
65|ticket_type.csv:2: type: "bug" is not one of|ticket import ticket_type.csv
65|ticket_prio.csv:2: priority: "p0" is not one of|ticket import ticket_prio.csv
65|ticket_status.csv:2: status: "done" is not one of|ticket import ticket_status.csv
65|ticket_cust.csv:2: customer|ticket import ticket_cust.csv
65|ticket_nul.csv:2: subject: holds a control character|ticket import ticket_nul.csv
65|ticket_channel.csv:2: channel: "fax" is not one of|ticket import ticket_channel.csv
65|ticket_dupref.csv:3: ref: "R1" appears twice|ticket import ticket_dupref.csv
65|ticket_subject.csv:2: subject: is longer than 2000 bytes|ticket import ticket_subject.csv
65|ticket_time.csv:1: nope: no such column (from --map subject=nope)|ticket import ticket_time.csv --map subject=nope
65|--channel: "fax" is not one of phone, wechat, email, sms, visit, app|interaction log --customer K1 --channel fax --direction in
65|--direction: "sideways" is not one of in, out|interaction log --customer K1 --channel sms --direction sideways
64|--customer is required|interaction log --channel sms --direction in
65|--at: "yesterday" is not a time|interaction log --customer K1 --channel sms --direction in --at yesterday
65|is later than this command's time|interaction log --customer K1 --channel sms --direction in --at 2030-01-01
66|no customer with this ID or ref|interaction log --customer ZZ --channel sms --direction in
66|no lead|interaction log --customer K1 --channel sms --direction in --lead L-ZZZZZZZZZZ
66|no ticket|interaction log --customer K1 --channel sms --direction in --ticket T-ZZZZZZZZZZ
65|--note: is longer than 10000 bytes|interaction log --customer K1 --channel sms --direction in --note DESC100001
64|--channel: "fax" is not one of|interaction list --channel fax
64|--from: "2026-13-01" is not a date|interaction list --from 2026-13-01
64|--status: "pending" is not one of due, sent, failed, suppressed|outbox list --status pending
66|no message "M-NOPENOPE" in the outbox|outbox mark M-NOPENOPE sent
64|status: "delivered" is not one of sent, failed|outbox mark M-NOPENOPE delivered
65|--at: "soon" is not a time|outbox mark M-NOPENOPE sent --at soon
66|no customer with this ID or ref|customer timeline ZZ
64|--as-of|automation run --as-of 2026-99-01
65|--preferred-channel: "fax" is not one of|customer add --name x --preferred-channel fax
65|--quiet-hours: "25:00-08:00" does not match|customer add --name x --quiet-hours 25:00-08:00
65|--opt-out: "yesterday" is not an RFC 3339 time|customer add --name x --opt-out yesterday
65|--refused-channels|customer add --name x --refused-channels sms,fax
TABLE
)
while IFS='|' read -r code fragment cmd; do
    cmd=${cmd//LEADID/$l}
    cmd=${cmd//TICKETID/$t}
    cmd=${cmd//REGION300/$(printf '北京%.0s' {1..50})}
    cmd=${cmd//COMPANY600/$(printf '华夏茶业%.0s' {1..50})}
    cmd=${cmd//SUBJECT2001/$(printf 'x%.0s' {1..2001})}
    cmd=${cmd//PRODUCT501/$(printf 'p%.0s' {1..501})}
    cmd=${cmd//CHANNEL101/$(printf 'c%.0s' {1..101})}
    cmd=${cmd//DESC100001/$(printf 'd%.0s' {1..100001})}
    # shellcheck disable=SC2086
    run -C s $cmd
    if [ "$rc" = "$code" ] && [[ "$err" == *"$fragment"* ]] && [[ "$err" != *"internal error"* ]] && clean s &&
        [ -z "$(find s/.crm/tmp s/.crm/txn -mindepth 1 2>/dev/null)" ]; then
        ok
    else
        bad "expected exit $code and \"$fragment\", no internal error, store unchanged, no temp files left"
    fi
done <<<"$cases"
expect "at least 200 cases" test "$(wc -l <<<"$cases")" -ge 200

# Broken files in the store: commands that read them name file and line; check lists them.
cp "s/customers/$c.yaml" keep.yaml
cp garbage.yaml "s/customers/$c.yaml"
run -C s customer list
expect_rc 65
expect_err_has "customers/$c.yaml:1: invalid UTF-8"
printf 'id: %s\nname: [unclosed\n' "$c" > "s/customers/$c.yaml"
run -C s customer show "$c"
expect_rc 65
expect_err_has "customers/$c.yaml:3: YAML syntax"
printf 'id: %s\nname: 张三\ncreated: 2026-11-23T10:00:00+08:00\nupdated: 2026-11-23T10:00:00+08:00\nphone: 12345\nrfm: {tier: 7, high_value: maybe}\n' "$c" > "s/customers/$c.yaml"
run -C s check
expect_rc 1
expect_out_has "customers/$c.yaml:5: phone: \"12345\" does not match"
expect_out_has "customers/$c.yaml:6: rfm.high_value: \"maybe\" is not a boolean"
cp keep.yaml "s/customers/$c.yaml"
expect_clean s
printf 'version: 1\ntimezone: Mars\n' > s/crm.yaml
run -C s customer list
expect_rc 78
expect_err_has "crm.yaml:2: timezone: \"Mars\" is not a UTC offset"
git -C s checkout -q -- crm.yaml
finish
