# Data-subject rights and the audit trail: customer export ID, customer forget, audit list.
source "$TESTS/cli/testlib.bash"
git_store s
c=$("$CRM" -C s customer add --name 张三 --ref K1 --phone 13800138000 --email zhang@example.com --region 北京)
printf 'hobby: 钓鱼\n' >> "s/customers/$c.yaml"
"$CRM" -C s order add --customer K1 --amount 99.50 --date 2026-11-01 --product 茶具 --ref 张三的订单 -q >/dev/null
l=$("$CRM" -C s lead add --name 张三 --company 张记 --phone 13800138001 --allow-duplicate)
"$CRM" -C s lead log "$l" --channel phone --note "他家住在朝阳区" -q >/dev/null
"$CRM" -C s lead status "$l" won -q >/dev/null
CRM_NOW=2026-11-24T10:00:00+08:00 "$CRM" -C s lead convert "$l" >/dev/null
t=$("$CRM" -C s ticket open --customer K1 --subject "张三的茶叶受潮" --description "电话 13800138000")
"$CRM" -C s lead add --name 别人 --phone 13900139000 >/dev/null  # builds the contact index
twin=$("$CRM" -C s lead add --name 张三又来了 --email zhang@example.com --allow-duplicate)  # not linked, same email
commit_store s
expect "the contact index holds the phone" grep -rq "+8613800138000" s/.crm/cache/contact-index

run -C s customer export "$c"
expect_rc 0
expect "export is one JSON object" python3 -c "import json, sys; d = json.loads(sys.argv[1]); assert d['customer']['name'] == '张三'; assert len(d['orders']) == 1; assert len(d['tickets']) == 1; assert d['orders'][0]['amount'] == '99.50'" "$out"

run -C s customer forget K1
expect_rc 0
expect_out "$c"
expect_err_has "not erased, sharing its phone or email but not linked to it: $twin (run again with --matching"
expect "the unlinked twin is left without --matching" grep -q "张三又来了" "s/leads/$twin.yaml"
expect_err_has "Old versions stay in git history"
expect "personal fields gone" bash -c "! grep -qE '张三|13800138000|zhang@|北京|钓鱼|^ref:' s/customers/$c.yaml"
expect "marked forgotten" grep -q "^forgotten: 2026-11-23T10:00:00+08:00$" "s/customers/$c.yaml"
expect "ticket text erased" bash -c "! grep -qE '张三|13800138000' s/tickets/$t.yaml"
expect "orders kept for statistics" grep -q "amount: \"99.50\"" s/orders/2026/11.yaml
expect "order free text erased (ref, product)" bash -c "! grep -qE '张三|茶具' s/orders/2026/11.yaml"
expect "no copy of the phone left in the contact index" bash -c "! grep -rq '+8613800138000' s/.crm/cache"
run -C s order list --fields customer,amount --format csv --no-header
expect_out "$c,99.50"
run -C s audit list --record "$c" --fields command,fields --format csv --no-header
expect_out_has "customer forget,\"ref,name,phone,email"
git -C s stash -q
run -C s customer forget K1 --matching
expect_rc 0
expect "--matching erases the unlinked twin" bash -c "! grep -qE '张三|zhang@' s/leads/$twin.yaml"
git -C s checkout -q -- . && git -C s stash pop -q
run -C s check
expect_rc 0

run -C s audit list --format csv --fields actor,command --no-header
expect "audit has every write" test "$(echo "$out" | wc -l)" = "$(cat s/audit/*/*.log | wc -l)"
run -C s audit list --from 2026-11-24 --fields command --no-header
expect_out "lead convert
lead convert"
run -C s audit list --actor nobody
expect_out "time  actor  command  record  fields"
run -C s audit list --from yesterday
expect_rc 64

# An export is printed whole or not at all: a damaged order shard fails it cleanly.
echo "- {id: broken" >> s/orders/2026/11.yaml
run -C s customer export "$c"
expect_rc 65
expect_out ""
finish
