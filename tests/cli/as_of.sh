# As-of is a view of the past (issue 13 cases 1 and 5): at --as-of T a reading
# command sees only records created at or before T and history events at or
# before T, with states computed at T; customer list shows every RFM column of
# one moment.
source "$TESTS/cli/testlib.bash"
git_store s
export CRM_NOW=2026-09-20T10:00:00+08:00
c=$("$CRM" -C s customer add --name 张三 --phone 13800138000)
t1=$("$CRM" -C s ticket open --customer "$c" --subject 茶叶受潮 --priority high)
CRM_NOW=2026-11-02T10:00:00+08:00 "$CRM" -C s ticket open --customer "$c" --subject 发票 >/dev/null
CRM_NOW=2026-11-03T10:00:00+08:00 "$CRM" -C s ticket escalate "$t1" --reason 催促 >/dev/null
CRM_NOW=2026-11-05T10:00:00+08:00 "$CRM" -C s ticket status "$t1" solved >/dev/null

# report sla on 10-01: one ticket (November's is not there yet), not escalated,
# its resolution breached (the solve came later), its group the one it was routed to.
run -C s --as-of 2026-10-01T00:00:00+08:00 report sla --format csv --fields tickets,res_achieved,res_breached,escalated --no-header
expect_out "1,0,1,0"
run -C s --as-of 2026-10-01T00:00:00+08:00 ticket list --fields id,status,group,level,res_state --format csv --no-header
expect_out "$t1,open,service,0,breached"
run -C s --as-of 2026-11-04T00:00:00+08:00 ticket show "$t1" --fields status,group,level --format csv --no-header
expect_out "open,team_lead,1"
CRM_NOW=2026-11-06T00:00:00+08:00 run -C s ticket show "$t1" --fields status,level,solved --format csv --no-header
expect_out "solved,1,2026-11-05T10:00:00+08:00"
run -C s --as-of 2026-09-01T00:00:00+08:00 ticket show "$t1"
expect_rc 66
expect_err_has "was created at 2026-09-20T10:00:00+08:00, after 2026-09-01T00:00:00+08:00"
run -C s --as-of 2026-09-01T00:00:00+08:00 customer list --fields id --no-header
expect_out ""

# An imported ticket solved on 11-05, seen on 11-03: open, not solved without a time.
printf 'ref,created,solved,subject\nOLD-1,2026-11-01T10:00:00+08:00,2026-11-05T10:00:00+08:00,旧工单\n' > old.csv
CRM_NOW=2026-11-06T00:00:00+08:00 run -C s ticket import old.csv -q
expect_rc 0
old=$out
run -C s --as-of 2026-11-03T00:00:00+08:00 ticket list --status open --fields ref,status,solved --format csv --no-header
expect_out_has "OLD-1,open,"
run -C s --as-of 2026-11-06T00:00:00+08:00 ticket show "$old" --fields status,solved --format csv --no-header
expect_out "solved,2026-11-05T10:00:00+08:00"

# lead list --overdue at 11-21 10:01 sees the lead contacted at 11:00 and the one lost at 12:00.
export CRM_NOW=2026-11-20T10:00:00+08:00
a=$("$CRM" -C s lead add --name 甲 --phone 13900000001)
b=$("$CRM" -C s lead add --name 乙 --phone 13900000002)
CRM_NOW=2026-11-21T11:00:00+08:00 "$CRM" -C s lead log "$a" --channel phone >/dev/null
CRM_NOW=2026-11-21T12:00:00+08:00 "$CRM" -C s lead status "$b" lost --reason 预算 >/dev/null
run -C s --as-of 2026-11-21T10:01:00+08:00 lead list --overdue --fields name,status --format csv --no-header
expect_out_has "甲,new"
expect_out_has "乙,new"
run -C s --as-of 2026-11-21T12:30:00+08:00 lead list --overdue --fields name --no-header
expect_out ""

# customer list: r, f, m and the classification of one moment. A recompute as of
# 1997-03-31 stores that night's classification; a list today computes today's.
export CRM_NOW=2026-11-24T10:00:00+08:00
"$CRM" -C s order add --customer "$c" --amount 100 --date 1997-01-10 >/dev/null
"$CRM" -C s --as-of 1997-03-31T23:00:00+08:00 rfm recompute -q >/dev/null
expect "the night is noted" grep -qx "last: 1997-03-31" s/state/rfm.yaml
run -C s --as-of 1997-03-31T23:30:00+08:00 customer list --fields r,lifecycle --format csv --no-header
expect_out "80,new"
run -C s customer list --fields r,f,m,lifecycle --format csv --no-header
expect_out "10910,0,0.00,lost"
expect_err_has "segment, lifecycle, tier and high_value computed as of 2026-11-24; the stored ones are from the rfm recompute of 1997-03-31"
run -C s customer list --fields name,lifecycle --format csv --no-header
expect_out "张三,lost"
finish
