# crm customer add|show|list|set|import|export, with Chinese data, on a git-tracked store.
source "$TESTS/cli/testlib.bash"
git_store s

run -C s customer add --name 张三 --phone 13800138000 --region 北京 --tag vip
expect_rc 0
zhang=$out
expect "add prints one customer ID" grep -qxE "C-[0-9A-Z]{12}" <<<"$zhang"
expect "the record file exists" test -f "s/customers/$zhang.yaml"
# Distinct clocks give IDs (and so list order) that follow creation order.
CRM_NOW=2026-11-23T10:00:01+08:00 run -C s customer add --name "Acme Trading Co., Ltd." --kind company --email Sales@Acme.COM --region Shanghai
acme=$out
CRM_NOW=2026-11-23T10:00:02+08:00 run -C s customer add --name 欧阳娜娜 --phone "+86 139-0013-8000" --region 广东深圳
ouyang=$out
export CRM_NOW=2026-11-23T10:01:00+08:00  # later than the records above: a view at an earlier moment would not see them

expect "the stored record is canonical YAML" diff - "s/customers/$zhang.yaml" <<YAML
id: $zhang
kind: person
name: 张三
phone: "+8613800138000"
region: 北京
tags: [vip]
created: 2026-11-23T10:00:00+08:00
updated: 2026-11-23T10:00:00+08:00
YAML
expect "one audit line per add" test "$(wc -l < s/audit/2026/11.log)" = 3
expect "audit names actor, command, record, fields" grep -q "^2026-11-23T10:00:00+08:00	tester	customer add	$zhang	kind,name,phone,region,tags$" s/audit/2026/11.log

# Table output aligns double-width text.
run -C s customer list --fields name,phone,region
expect_rc 0
expect_out "name                    phone           region
张三                    +8613800138000  北京
Acme Trading Co., Ltd.                  Shanghai
欧阳娜娜                +8613900138000  广东深圳"
# CSV is RFC 4180: the comma inside a name is quoted; --bom for spreadsheets.
run -C s customer list --fields name,email --format csv
expect_out 'name,email
张三,
"Acme Trading Co., Ltd.",sales@acme.com
欧阳娜娜,'
run -C s customer list --fields name --format csv --bom --no-header
expect "BOM first" [ "$(head -c 3 "$T/.out" | od -An -tx1 | tr -d ' ')" = "efbbbf" ]
run -C s customer list --fields name,high_value --format jsonl --where region=北京
expect_out '{"name":"张三","high_value":false}'
run -C s customer list --tag vip --fields id --no-header
expect_out "$zhang"
run -C s customer list --region Shanghai --format json --fields name
expect_out '[
 {"name":"Acme Trading Co., Ltd."}
]'

commit_store s
# Bad input: exit 65, message naming the field, store unchanged.
for bad in "--phone abc" "--email nobody" "--kind robot" "--birthday 1990-02-30" "--owner ghost"; do
    run -C s customer add --name X $bad
    expect_rc 65
    expect_err_has "${bad%% *}: "
done
run -C s customer add --name X --phone abc
expect_err 'crm: --phone: "abc" is not a phone number (digits, spaces, -, (), and a leading + only)'
run -C s customer add --phone 13800138000
expect_rc 64
expect_clean s

# show takes an unambiguous prefix; unknown is 66; ambiguous is 64.
run -C s customer show "${zhang:0:13}" --fields name,phone,tags
expect_rc 0
expect_out "name   张三
phone  +8613800138000
tags   vip"
run -C s customer show C-ZZZZZZ
expect_rc 66
expect_err 'crm: customer "C-ZZZZZZ": no customer with this ID or ref'
run -C s customer show C-
expect_rc 66
run -C s customer show ../../etc/passwd
expect_rc 66
expect_err_has "no customer with this ID or ref"
expect "no file outside the store was read" [ -z "$out" ]
run -C s customer show ERP-404
expect_rc 66
run -C s customer show C-1
if [ "$rc" = 64 ]; then expect_err_has "is ambiguous"; else bad "C-1 should be ambiguous"; fi

# set: re-setting a field to its value writes nothing, not even an audit line.
CRM_NOW=2026-11-24T09:00:00+08:00 run -C s customer set "$zhang" --phone "+86 138 0013 8000" --region 北京
expect_rc 0
expect_out ""
expect_err "customer $zhang unchanged"
expect_clean s
CRM_NOW=2026-11-24T09:00:00+08:00 run -C s customer set "$zhang" --region 上海 --tag 回头客 --untag vip
expect_rc 0
expect_out "$zhang"
expect "set rewrites the changed fields and updated" grep -q "^region: 上海$" "s/customers/$zhang.yaml"
expect "updated moves" grep -q "^updated: 2026-11-24T09:00:00+08:00$" "s/customers/$zhang.yaml"
expect "created stays" grep -q "^created: 2026-11-23T10:00:00+08:00$" "s/customers/$zhang.yaml"
expect "tags replaced" grep -q "^tags: \[回头客\]$" "s/customers/$zhang.yaml"
expect "audit lists only changed fields" grep -q "	customer set	$zhang	region,tags$" s/audit/2026/11.log
run -C s customer set "$zhang" --unset phone
expect "unset removes the key" bash -c "! grep -q ^phone: s/customers/$zhang.yaml"
run -C s customer set "$zhang" --unset name
expect_rc 64
commit_store s

# Unknown keys in a hand-edited file survive a rewrite.
printf 'wechat_group: 北京老客户群\n' >> "s/customers/$acme.yaml"
commit_store s
run -C s customer set "$acme" --industry 贸易
expect "unknown key kept" grep -q "^wechat_group: 北京老客户群$" "s/customers/$acme.yaml"
commit_store s

# import: validates every row first; a bad row means nothing is written.
cat > bad.csv <<'CSV'
ref,name,phone,email
K1,赵六,13700137000,zhao@example.com
K2,钱七,not-a-phone,qian@example.com
K3,,13500135000,
CSV
run -C s customer import bad.csv
expect_rc 65
expect_err_has "bad.csv:3: phone: \"not-a-phone\" is not a phone number"
expect_err_has "bad.csv:4: name: is required for a new customer"
expect_err_has "2 bad row(s); nothing imported"
expect_clean s
run -C s customer import bad.csv --skip-bad
expect_rc 0
expect "one customer imported" test "$(echo "$out" | wc -l)" = 1
expect_err_has "created 1, updated 0, unchanged 0"
commit_store s
# Matching on ref: the same file again changes nothing; a changed cell updates.
cat > good.csv <<'CSV'
ref,name,phone,tags
K1,赵六,13700137000,"a,b"
K9,"孙八, 总经理",+86 136 0013 6000,
CSV
run -C s customer import good.csv
expect_err_has "created 1, updated 1, unchanged 0"
commit_store s
run -C s customer import good.csv
expect_rc 0
expect_out ""
expect_err_has "created 0, updated 0, unchanged 2"
expect_clean s
run -C s customer show K1 --fields name,tags
expect_out "name  赵六
tags  a,b"
feed good.csv -C s customer import - --dry-run
expect_rc 0
run -C s customer import missing.csv
expect_rc 66
printf 'ref,nmae\nK1,x\n' > typo.csv
run -C s customer import typo.csv
expect_rc 65
expect_err_has "typo.csv:1: nmae: unknown column"
printf 'ref,name\nK5,a,extra\n' > ragged.csv
run -C s customer import ragged.csv
expect_rc 65
expect_err_has "ragged.csv:2: has 3 fields, the header has 2"
expect_clean s

# export: all customers in import columns; re-importing the export changes nothing.
run -C s customer export
expect_rc 0
echo "$out" > export.csv
expect "export header" [ "$(head -1 export.csv)" = "id,ref,kind,name,phone,email,wechat,region,industry,source,owner,credit_code,birthday,tags,preferred_channel,refused_channels,opt_out,quiet_hours" ]
run -C s customer import export.csv
expect_err_has "created 0, updated 0, unchanged 5"
expect_clean s
run -C s customer export "$zhang"
expect_rc 0
expect_out_has "{\"customer\":{\"id\":\"$zhang\""
expect_out_has '"orders":[]'
finish
