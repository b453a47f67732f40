# Imports the real San Francisco 311 tickets (../shared/data/tickets, when present):
# quoted fields with line breaks, open cases, cases closed before they opened.
source "$TESTS/cli/testlib.bash"
src="$SHARED/data/tickets/sf311_cases_sample_10000.csv"
[ -f "$src" ] || { echo "skipped: $src not found"; exit 77; }
git_store s
sed -i 's/^timezone: "+08:00"/timezone: "PST8PDT,M3.2.0,M11.1.0"/' s/crm.yaml
commit_store s
export CRM_NOW=2016-02-01T00:00:00-08:00
import=(ticket import "$src" --map ref=CaseID --map created=Opened --map closed=Closed --map status=Status
        --map group=Responsible.Agency --map subject=Request.Type --map channel=Source
        --time-format "%m/%d/%Y %I:%M:%S %p")
# SF311's channels are not crm's: refused (with the rule) until crm.yaml lists them.
run -C s "${import[@]}"
expect_rc 65
expect_err_has 'channel: "Voice In" is not one of tickets.channels in crm.yaml'
expect_clean s
sed -i 's/^  channels: .*/  channels: [Voice In, Open311, Web Self Service, Integrated Agency, Twitter, Other Department, e-mail In, Mail In]/' s/crm.yaml
commit_store s
run -C s "${import[@]}"
expect_rc 65
expect_err_has "129 bad row(s); nothing imported"
expect_clean s
run -C s "${import[@]}" --skip-bad
expect_rc 0
expect "9871 IDs printed" test "$(echo "$out" | wc -l)" = 9871
expect_err_has "imported 9871 ticket(s), 0 already present"
expect "bad rows named by line" bash -c "grep -c 'is before created' <<<\"\$0\" | grep -qx 129" "$err"
commit_store s
run -C s "${import[@]}" --skip-bad
expect_out ""
expect_err_has "imported 0 ticket(s), 9871 already present"
expect_clean s
run -C s ticket list --status open --fields id --no-header
expect "470 open cases" test "$(echo "$out" | wc -l)" = 470
run -C s ticket show 3600298 --fields status,group,created --format csv --no-header
expect_out "open,PUC - Sewer - G,2014-04-30T14:51:52-07:00"
run -C s report sla --by month --from 2015-12-01 --format csv --fields group,tickets
# Counted independently with Python's csv module (good rows only).
expect_out "group,tickets
2015-12,188
2016-01,220"
run -C s check
expect_rc 0
finish
