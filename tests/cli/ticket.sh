# crm ticket ..., report sla and report complaints, on a git-tracked store.
source "$TESTS/cli/testlib.bash"
git_store s
add_people s '{name: wang, role: service, groups: [service]}'
sed -i 's/^  holidays: \[\]  /  holidays: [2026-11-30]/' s/crm.yaml
# With a team in crm.yaml roles are in force: act as the admin.
export CRM_ACTOR=admin
cust=$("$CRM" -C s customer add --name 张三 --ref K1)
commit_store s

# Friday 17:30, high priority, 1-hour first response: due Monday 09:30.
export CRM_NOW=2026-11-20T17:30:00+08:00
run -C s ticket open --customer K1 --subject "茶叶受潮, 要求换货" --type quality --priority high --channel wechat
expect_rc 0
t1=$out
run -C s ticket show "$t1" --fields group,fr_due,fr_state,res_due --format csv --no-header
expect_out "production,2026-11-23T09:30:00+08:00,active,2026-11-25T14:30:00+08:00"
# Friday 17:30 the week after: Monday 2026-11-30 is a holiday, so Tuesday 09:30.
CRM_NOW=2026-11-27T17:30:00+08:00 run -C s ticket open --customer K1 --subject 发票 --type service --priority high
t2=$out
CRM_NOW=2026-11-27T17:30:00+08:00 run -C s ticket show "$t2" --fields group,fr_due --format csv --no-header
expect_out "service,2026-12-01T09:30:00+08:00"
commit_store s

for bad in "--type complaint" "--priority urgent" "--channel fax"; do
    run -C s ticket open --customer K1 --subject x $bad
    expect_rc 65  # a value that would be written and is not allowed (crm(1) EXIT STATUS)
done
run -C s ticket open --customer nobody --subject x
expect_rc 66
run -C s ticket open --customer K1 --subject "  "
expect_rc 65
expect_clean s

# escalate --auto: warn at 80% (level 1), breach (level 2); twice at the same time escalates once.
export CRM_NOW=2026-11-23T09:20:00+08:00
run -C s ticket escalate --auto --format csv
expect_out "ticket,level,reason,due,group
$t1,1,first_response 83% used,2026-11-23T09:30:00+08:00,team_lead"
commit_store s
run -C s ticket escalate --auto --format csv --no-header
expect_out ""
expect_clean s
CRM_NOW=2026-11-23T09:31:00+08:00 run -C s ticket escalate --auto --dry-run --format csv --no-header
expect_out "$t1,2,first_response breached,2026-11-23T09:30:00+08:00,manager"
expect_clean s

# reply, pending pauses the resolution clock, solve, rate.
export CRM_NOW=2026-11-23T10:00:00+08:00
run -C s ticket reply "$t1" --note 已联系客户
expect_out "$t1"
run -C s ticket show "$t1" --fields fr_state,first_response --format csv --no-header
expect_out "breached,2026-11-23T10:00:00+08:00"
run -C s ticket rate "$t1" --score 5
expect_rc 65
expect_err "crm: ticket $t1 is open: rate it once it is solved or closed"
CRM_NOW=2026-11-23T11:00:00+08:00 run -C s ticket status "$t1" pending --note 等客户寄回
CRM_NOW=2026-11-24T11:00:00+08:00 run -C s ticket status "$t1" open
# 24 business hours = 1440 min: Friday 30, Monday 09:00-11:00 120, paused until Tuesday 11:00,
# Tuesday 420, Wednesday 540, then 330 on Thursday: 14:30.
CRM_NOW=2026-11-24T11:00:00+08:00 run -C s ticket show "$t1" --fields res_due --format csv --no-header
expect_out "2026-11-26T14:30:00+08:00"
# Seen as it stood before the pause (a view of the past), the due time is a day earlier.
run -C s ticket show "$t1" --fields res_due --format csv --no-header
expect_out "2026-11-25T14:30:00+08:00"
run -C s ticket status "$t1" shipped
expect_rc 65
# Time only moves forward from here: a history cannot run backwards.
export CRM_NOW=2026-11-25T10:00:00+08:00
run -C s ticket status "$t1" solved
run -C s ticket rate "$t1" --score 6
expect_rc 65
run -C s ticket rate "$t1" --score 4 --comment 满意
expect_rc 0
run -C s ticket status "$t1" closed
run -C s ticket reply "$t1" --note 还在吗
expect_rc 65
expect_err "crm: ticket $t1 is closed: a reply cannot reopen it"
run -C s ticket status "$t1" open
expect_rc 65
export CRM_NOW=2026-11-27T18:00:00+08:00  # t2 was opened at 17:30
run -C s ticket assign "$t2" --to wang
expect_rc 0
run -C s ticket assign "$t2" --to ghost
expect_rc 65
run -C s ticket escalate "$t2" --reason 客户投诉升级
expect_rc 0
expect "manual escalation routes to the level's group" grep -qx "group: team_lead" "s/tickets/$t2.yaml"
run -C s ticket note "$t2" --note 内部备注
# assign, escalate and the route to the level's group it makes, note
expect "every event is in the history" test "$(grep -c '^  - {at:' "s/tickets/$t2.yaml")" = 4
commit_store s

# report sla: hand count. t1: fr breached (10:00 > 09:30, 90 business min), res achieved after
# 30 + 120 + 420 + 60 = 630 business min (the pending day not counted), escalated, csat 4.
# t2: fr breached at 2026-12-01 10:00 (due 09:30), res active.
export CRM_NOW=2026-12-01T10:00:00+08:00
run -C s report sla --format csv
expect_out "group,tickets,fr_achieved,fr_breached,fr_active,fr_rate,fr_median_min,res_achieved,res_breached,res_active,res_rate,res_median_min,escalated,csat_avg,csat_n
all,2,0,2,0,0.000,90.0,1,0,1,1.000,630.0,2,4.00,1"
run -C s report sla --by type --format csv --fields group,tickets,fr_breached,res_achieved
expect_out "group,tickets,fr_breached,res_achieved
quality,1,1,1
service,1,1,0"
run -C s report sla --detail --format csv --fields id,fr_state,res_state --no-header
expect_out_has "$t1,breached,achieved"
run -C s report sla --by weekday
expect_rc 64
run -C s report complaints --month 2026-11 --format csv
expect_out "type,tickets,share,on_time_rate,resolution_rate,csat_avg,csat_n
quality,1,0.500,1.000,1.000,4.00,1
service,1,0.500,,0.000,,0"
run -C s report complaints --month 2026-13
expect_rc 64
run -C s check
expect_rc 0
finish
