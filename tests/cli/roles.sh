# Roles from crm.yaml: forbidden commands exit 77 and change nothing; sales people
# see and change their own records; contact data is masked without the pii right.
source "$TESTS/cli/testlib.bash"
git_store s
add_people s '{name: alice, role: sales, groups: [sales]}' '{name: carol, role: sales, groups: [sales]}' '{name: wang, role: service, groups: [service]}' '{name: boss, role: manager, rights: [pii]}' '{name: mgr2, role: manager}'
export CRM_ACTOR=admin
a=$("$CRM" -C s customer add --name 甲 --phone 13800138000 --email jia@example.com --owner alice)
c=$(CRM_NOW=2026-11-23T10:00:01+08:00 "$CRM" -C s customer add --name 丙 --phone 13900139000 --owner carol)
export CRM_NOW=2026-11-23T10:01:00+08:00  # later than the records above: a view at an earlier moment would not see them
commit_store s

export CRM_ACTOR=alice
run -C s customer list --fields id,phone,email --format csv --no-header
expect_out "$a,138****8000,j***@example.com"
run -C s customer show "$c"
expect_rc 77
expect_err "crm: customer $c belongs to carol, not to alice (sales people work on their own records)"
run -C s customer set "$c" --region 上海
expect_rc 77
run -C s order add --customer "$c" --amount 1
expect_rc 77
for forbidden in "rfm recompute" "report sla" "check" "customer import x.csv" "lead assign --unassigned" "customer forget $a"; do
    # shellcheck disable=SC2086
    run -C s $forbidden
    expect_rc 77
done
expect_err_has "not allowed for alice (role sales)"
expect_clean s
run -C s lead add --name 新线索 --phone 13700137000
expect_rc 0
expect "a sales person's lead is theirs" grep -qx "owner: alice" "s/leads/$out.yaml"
run -C s lead add --name 别人的 --phone 13700137001 --owner carol
expect_rc 77
run -C s customer set "$a" --region 北京
expect_rc 0
commit_store s

export CRM_ACTOR=wang
run -C s customer list --fields phone --no-header
expect_out "138****8000
139****9000"
run -C s customer add --name x
expect_rc 77
t=$("$CRM" -C s ticket open --customer "$a" --subject 受潮)
run -C s ticket status "$t" pending
expect_rc 0
commit_store s

CRM_ACTOR=alice run -C s ticket status "$t" open
expect_rc 77
CRM_ACTOR=mgr2 run -C s customer export --fields id,phone --no-header
expect_out_has "$a,138****8000"
CRM_ACTOR=boss run -C s customer list --fields phone --no-header
expect_out "+8613800138000
+8613900139000"
CRM_ACTOR=boss run -C s rfm recompute -q
expect_rc 0
CRM_ACTOR=nobody run -C s customer list
expect_rc 77
expect_err_has 'actor "nobody" is not in people: of crm.yaml'
finish
