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
65|huge.csv:2: column 2: a field of 10000001 bytes, more than 65536|customer import huge.csv
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
    # shellcheck disable=SC2086
    run -C s $cmd
    if [ "$rc" = "$code" ] && [[ "$err" == *"$fragment"* ]] && clean s; then
        ok
    else
        bad "expected exit $code and \"$fragment\", store unchanged"
    fi
done <<<"$cases"
expect "at least 40 cases" test "$(wc -l <<<"$cases")" -ge 40

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
