# crm lead ..., crm followup due, and the lead reports, on a git-tracked store.
source "$TESTS/cli/testlib.bash"
git_store s
# Three agents in one sales team, round robin (the default rule); dave is away.
add_people s '{name: alice, role: sales, groups: [sales]}' '{name: dave, role: sales, groups: [sales], away: true}' '{name: bob, role: sales, groups: [sales]}' '{name: carol, role: sales, groups: [sales]}'
# With a team in crm.yaml roles are in force: act as the admin.
export CRM_ACTOR=admin
commit_store s

# Six separate processes: each agent gets two, in a stable order; dave is skipped.
owners=""
for i in 1 2 3 4 5 6; do
    id=$(CRM_NOW=2026-11-23T10:00:0${i}+08:00 "$CRM" -C s lead add --name "客户$i" --company "公司$i" \
         --phone "1380013800$i" --source exhibition --budget 20 --authority 20 --need 25 --timeline 15 --auto-assign -q)
    owners="$owners $(grep '^owner:' "s/leads/$id.yaml" | cut -d' ' -f2)"
done
export CRM_NOW=2026-11-23T10:01:00+08:00  # after the six: a view at an earlier moment would not see them
expect "round robin in crm.yaml order, away skipped" [ "$owners" = " alice bob carol alice bob carol" ]
expect "position kept in the store" grep -qx "sales: carol" s/state/round_robin.yaml
run -C s lead list --fields name,score,grade,owner --format csv
expect_out "name,score,grade,owner
客户1,80,A,alice
客户2,80,A,bob
客户3,80,A,carol
客户4,80,A,alice
客户5,80,A,bob
客户6,80,A,carol"
first=$("$CRM" -C s lead list --fields id --no-header | head -1)
commit_store s

# A second lead with the same phone written differently is refused, naming the first.
run -C s lead add --name 重复 --phone "+86 138-0013-8001"
expect_rc 65
expect_err "crm: likely duplicate of $first (same phone); use --allow-duplicate to add it anyway"
run -C s lead add --name 重复 --email x@y.cn --phone 13800138001 --allow-duplicate --dry-run
expect_rc 0
expect_clean s
for bad in "--budget 26" "--need x" "--source tv" "--owner ghost" "--phone abc"; do
    run -C s lead add --name X $bad
    expect_rc 65
done
run -C s lead add --name X --owner alice --auto-assign
expect_rc 64
expect_clean s

# 25 hours after creation with no contact: overdue, in followup due and late in the SLA report.
export CRM_NOW=2026-11-24T11:00:00+08:00
run -C s lead list --overdue --fields name --no-header
expect "all six overdue" test "$(echo "$out" | wc -l)" = 6
run -C s lead log "$first" --channel phone --note "聊了, 有兴趣" --next 2026-11-26
expect_rc 0
expect_out "$first"
expect "log moves new to contacted" grep -q "^status: contacted$" "s/leads/$first.yaml"
run -C s lead list --overdue --fields name --no-header
expect "five left" test "$(echo "$out" | wc -l)" = 5
run -C s report sla --leads --by owner --format csv
expect_out "group,leads,contacted_in_time,late,open_overdue,rate
alice,2,0,1,1,0.000
bob,2,0,0,2,0.000
carol,2,0,0,2,0.000"
run -C s followup due --owner alice --fields name,reason --format csv --no-header
expect_out "客户4,first contact overdue"
CRM_NOW=2026-11-26T09:00:00+08:00 run -C s followup due --owner alice --fields name,reason --format csv --no-header
expect_out "客户1,follow-up today
客户4,first contact overdue"
run -C s lead log "$first" --channel fax
expect_rc 65
run -C s lead log "$first" --channel phone --next 2026-02-30
expect_rc 65
commit_store s

# Pipeline: forward freely, backwards only with --force, lost needs a reason.
run -C s lead status "$first" proposal --note 报价
expect_rc 0
commit_store s
run -C s lead status "$first" qualified
expect_rc 65
expect_err "crm: lead $first: moving back from proposal to qualified needs --force"
run -C s lead status "$first" archived
expect_rc 65
run -C s lead convert "$first"
expect_rc 65
expect_err "crm: lead $first is proposal: only a won lead can be converted"
expect_clean s
run -C s lead status "$first" qualified --force
expect_rc 0
export CRM_NOW=2026-11-28T11:00:00+08:00  # time only moves forward: a history cannot run backwards
run -C s lead status "$first" won
run -C s lead status "$first" lost --reason 价格
expect_rc 65
second=$("$CRM" -C s lead list --fields id --no-header | sed -n 2p)
run -C s lead status "$second" lost
expect_rc 65
expect_err_has "lost needs --reason"
run -C s lead status "$second" lost --reason 预算不足
expect_rc 0
commit_store s

# convert: the customer carries contacts, owner and source, linked both ways.
run -C s lead convert "$first"
expect_rc 0
cust=$out
expect "customer links back" grep -qx "lead: $first" "s/customers/$cust.yaml"
expect "customer is the company" grep -qx "name: 公司1" "s/customers/$cust.yaml"
expect "owner carried" grep -qx "owner: alice" "s/customers/$cust.yaml"
expect "lead links to customer" grep -qx "customer: $cust" "s/leads/$first.yaml"
run -C s lead convert "$first"
expect_rc 65
expect_err_has "converted already, to $cust"
run -C s check
expect_rc 0

# Funnel and leads reports on what the CLI built.
run -C s report funnel --format csv
expect_out "group,leads,new,contacted,qualified,proposal,negotiation,won,lost,to_contacted,to_qualified,to_proposal,to_negotiation,to_won,won_rate,days_new,days_contacted,days_qualified,days_proposal,days_negotiation
all,6,4,0,0,0,0,1,1,0.167,1.000,1.000,1.000,1.000,0.500,3.0,0.0,4.0,0.0,"
run -C s report leads --by owner --format csv --fields group,leads,open,won,lost,won_rate
expect_out "group,leads,open,won,lost,won_rate
alice,2,1,1,0,1.000
bob,2,1,0,1,0.000
carol,2,2,0,0,"
run -C s report funnel --by colour
expect_rc 64

# set rescored, unchanged set writes nothing; assign.
run -C s lead set "$second" --need 25
expect_rc 0
expect "rescored" grep -qx "score: 80" "s/leads/$second.yaml"
commit_store s
run -C s lead set "$second" --need 25
expect_err "lead $second unchanged"
expect_clean s
run -C s lead assign "$second" --to carol
expect_out "$second"
expect "assigned" grep -qx "owner: carol" "s/leads/$second.yaml"
run -C s lead assign
expect_rc 64
commit_store s

# import: all-or-nothing, duplicates found inside the file and the store, idempotent on ref.
cat > leads.csv <<'CSV'
ref,name,company,phone,email,source,budget
W1,周一,星期一有限公司,13900139001,,web,20
W2,周二,,13900139001,,web,10
W3,周三,,13800138002,,web,5
W4,周四,,,zhou4@example.com,tv,5
CSV
run -C s lead import leads.csv
expect_rc 65
expect_err_has "leads.csv:3: likely duplicate of"
expect_err_has "leads.csv:4: likely duplicate of"
expect_err_has 'leads.csv:5: source: "tv" is not one of'
expect_clean s
run -C s lead import leads.csv --skip-bad --auto-assign
expect_rc 0
expect_err_has "imported 1 lead(s), 0 already present"
commit_store s
run -C s lead import leads.csv --skip-bad
expect_err_has "imported 0 lead(s), 1 already present"
expect_clean s
run -C s lead show W1 --fields name,owner
expect_out "name   周一
owner  alice"

# check covers leads: schema, owners, links.
sed -i 's/^owner: carol$/owner: ghost/; s/^status: lost$/status: dropped/' "s/leads/$second.yaml"
run -C s check
expect_rc 1
expect_out_has "leads/$second.yaml:"
expect_out_has 'status: "dropped" is not one of new, contacted, qualified, proposal, negotiation, won, lost'
git -C s checkout -q -- .
sed -i 's/^owner: carol$/owner: ghost/' "s/leads/$second.yaml"
run -C s check
expect_rc 1
expect_out "leads/$second.yaml: owner: \"ghost\" is not in people: of crm.yaml"
git -C s checkout -q -- .
finish
