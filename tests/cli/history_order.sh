# Histories cannot run backwards (issue 13 case 2): an event dated before its
# record's creation or before the record's latest event is refused by every
# command (exit 65, naming the record and both times, store unchanged), and
# crm check reports such a history in a hand-edited file.
source "$TESTS/cli/testlib.bash"
git_store s
add_people s "{name: tester, role: admin}"
export CRM_NOW=2026-09-26T10:00:00+08:00
c=$("$CRM" -C s customer add --name 张三 --phone 13800138000)
t=$("$CRM" -C s ticket open --customer "$c" --subject 茶叶受潮 --priority high)
l=$("$CRM" -C s lead add --name 李四 --phone 13900139000)
commit_store s

# Solved before it was opened: refused, where it was accepted as "achieved in 0 minutes".
CRM_NOW=2026-09-01T00:00:00+08:00 run -C s ticket status "$t" solved
expect_rc 65
expect_err_has "tickets/$t.yaml"
expect_err_has "2026-09-01T00:00:00+08:00 is before created 2026-09-26T10:00:00+08:00"
expect_clean s
CRM_NOW=2026-09-01T00:00:00+08:00 run -C s lead log "$l" --channel phone
expect_rc 65
expect_err_has "before created 2026-09-26T10:00:00+08:00"
expect_clean s
CRM_NOW=2026-09-01T00:00:00+08:00 run -C s lead status "$l" qualified
expect_rc 65
expect_clean s

# An automatic escalation on 11-23, then a reply dated 10-08: refused (it turned a
# breached first response into "achieved").
CRM_NOW=2026-11-23T10:00:00+08:00 run -C s ticket escalate --auto
expect_rc 0
expect "the auto escalation is in the history" grep -q "event: escalate" "s/tickets/$t.yaml"
commit_store s
CRM_NOW=2026-10-08T10:00:00+08:00 run -C s ticket reply "$t" --note 已联系
expect_rc 65
expect_err_has "ticket $t has an event at 2026-11-23T10:00:00+08:00, later than this command's time 2026-10-08T10:00:00+08:00"
expect_clean s
for cmd in "ticket note $t --note x" "ticket status $t pending" "ticket assign $t --to tester" "ticket escalate $t"; do
    CRM_NOW=2026-10-08T10:00:00+08:00 run -C s $cmd
    expect_rc 65
    expect_clean s
done
# At the same moment or later, it is accepted.
CRM_NOW=2026-11-23T10:00:00+08:00 run -C s ticket reply "$t" --note 已联系
expect_rc 0
CRM_NOW=2026-11-24T10:00:00+08:00 run -C s ticket note "$t" --note 客户满意
expect_rc 0
run -C s check
expect_rc 0
commit_store s

# Hand-edited files: check names the file, line, field and both times.
sed -i 's/^created: .*/created: 2026-12-01T00:00:00+08:00/' "s/tickets/$t.yaml"
run -C s check
expect_rc 1
expect_out_has "tickets/$t.yaml:"
expect_out_has "history: event 1 at 2026-11-23T10:00:00+08:00 is before created 2026-12-01T00:00:00+08:00"
git -C s checkout -q -- .
python3 - "s/tickets/$t.yaml" <<'EOF'
import sys
p = sys.argv[1]
lines = open(p).read().split("\n")
events = [i for i, x in enumerate(lines) if x.startswith("  - {at:")]
lines[events[0]], lines[events[-1]] = lines[events[-1]], lines[events[0]]  # the last event first
open(p, "w").write("\n".join(lines))
EOF
run -C s check
expect_rc 1
expect_out_has "is before the event before it, at"
git -C s checkout -q -- .
sed -i 's/^first_response: .*/first_response: 2026-09-01T00:00:00+08:00/' "s/tickets/$t.yaml"
run -C s check
expect_rc 1
expect_out_has "first_response: 2026-09-01T00:00:00+08:00 is before created 2026-09-26T10:00:00+08:00"
git -C s checkout -q -- .
run -C s check
expect_rc 0
finish
