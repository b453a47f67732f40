# --dry-run is a mode of the store's writer: every command that writes takes it,
# prints what it would change, and leaves the git-tracked store exactly as it
# was; commands that do not write refuse it (exit 64) rather than ignore it.
source "$TESTS/cli/testlib.bash"
git_store s
add_people s "{name: tester, role: admin}"
c=$("$CRM" -C s customer add --name 张三 --phone 13800138000)
l=$("$CRM" -C s lead add --name 李四 --phone 13900139000 --budget 20)
t=$("$CRM" -C s ticket open --customer "$c" --subject 茶叶受潮 --priority high)
"$CRM" -C s lead status "$l" won >/dev/null
printf 'ref,name\nK9,王五\n' > customers.csv
printf 'customer,date,amount\n%s,2026-11-01,12.50\n' "$c" > orders.csv
printf 'name,phone\n赵六,13700137000\n' > leads.csv
printf 'ref,created,subject\nOLD-1,2026-01-05T10:00:00+08:00,旧工单\n' > tickets.csv
commit_store s

while IFS='|' read -r cmd; do
    # shellcheck disable=SC2086
    run -C s $cmd --dry-run
    if [ "$rc" = 0 ] && [[ "$err" == *"would change "* ]] && clean s; then ok; else bad "--dry-run: crm $cmd (rc $rc) wrote or said nothing of what it would change"; fi
done <<TABLE
customer add --name 王五
customer set $c --region 上海
customer import customers.csv
customer forget $c
order add --customer $c --amount 10
order import orders.csv
lead add --name 钱七 --phone 13600136000
lead set $l --need 25
lead assign $l --to tester
lead log $l --channel phone --note 电话
lead convert $l
lead import leads.csv
ticket open --customer $c --subject 包装破损
ticket reply $t --note 已回复
ticket note $t --note 内部备注
ticket status $t pending
ticket assign $t --to tester
ticket escalate $t --reason 客户投诉
ticket escalate --auto --as-of 2026-11-25T10:00:00+08:00
ticket import tickets.csv
rfm recompute
TABLE

# It shows each field's old and new value, and history lines added.
run -C s customer set "$c" --region 上海 --phone 13700000001 --dry-run
expect_err_has "would change $c: phone,region"
expect_err_has "  + region: 上海"
expect_err_has '  phone: "+8613800138000" -> "+8613700000001"'
run -C s ticket escalate "$t" --reason 客户投诉 --dry-run
expect_err_has "  + level: 1"
expect_err_has "  + - {at: "
expect_err_has "event: escalate, from: \"0\", to: \"1\", note: 客户投诉}"
expect_clean s

# A dry run says what it would do, never that it did it.
run -C s customer forget "$c" --dry-run
expect_err_has "would change $c"
if [[ "$err" == *erased* ]]; then bad "customer forget --dry-run says it erased"; else ok; fi

# A real escalation after the dry run starts from level 0: nothing was written.
run -C s ticket escalate "$t"
expect_rc 0
expect "the dry run did not escalate" grep -q "^level: 1$" "s/tickets/$t.yaml"

for cmd in "customer list" "report sla" "check" "init x"; do
    # shellcheck disable=SC2086
    run -C s $cmd --dry-run
    expect_rc 64
    expect_err_has "--dry-run"
done
finish
