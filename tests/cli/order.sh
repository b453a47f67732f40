# crm order add|import|list on a git-tracked store.
source "$TESTS/cli/testlib.bash"
git_store s
c1=$("$CRM" -C s customer add --name 张三 --ref ERP-001)
c2=$(CRM_NOW=2026-11-23T10:00:01+08:00 "$CRM" -C s customer add --name 李四 --ref ERP-002)
commit_store s

run -C s order add --customer "$c1" --amount 12.50 --date 2026-11-01 --product 茶叶 --quantity 2
expect_rc 0
o1=$out
expect "order ID printed" grep -qxE "O-[0-9A-Z]{12}" <<<"$o1"
expect "order stored in its month shard" grep -qx -- "- {id: $o1, customer: $c1, date: 2026-11-01, amount: \"12.50\", quantity: 2, product: 茶叶}" s/orders/2026/11.yaml
run -C s order add --customer ERP-002 --amount 100 --id ERP-O-7
expect_out "ERP-O-7"
expect "default date is today in the store's zone" grep -q "id: ERP-O-7, customer: $c2, date: 2026-11-23" s/orders/2026/11.yaml
commit_store s
for bad in "--amount 12,5" "--amount 1e3" "--amount 1.005" "--date 2026-02-30" "--id ../x" "--quantity -1"; do
    run -C s order add --customer "$c1" --amount 1 $bad
    if [ "$rc" = 65 ] || [ "$rc" = 64 ]; then ok; else bad "$bad should be refused"; fi
done
run -C s order add --customer "$c1" --amount 12,5
expect_err 'crm: --amount: "12,5" is not a decimal'
run -C s order add --customer nobody --amount 1
expect_rc 66
expect_err 'crm: customer "nobody": no customer with this ID or ref'
run -C s order add --customer "$c1" --amount 1 --id ERP-O-7
expect_rc 65
expect_err_has "already exists"
expect_clean s

run -C s order list --fields id,customer,date,amount --format csv
expect_out "id,customer,date,amount
$o1,$c1,2026-11-01,12.50
ERP-O-7,$c2,2026-11-23,100.00"
run -C s order list --customer ERP-001 --fields id --no-header
expect_out "$o1"
run -C s order list --from 2026-11-02 --fields id --no-header
expect_out "ERP-O-7"
run -C s order list --from 2026-13-01
expect_rc 64

# import: all-or-nothing; a bad date names file, line and field.
cat > day.csv <<'CSV'
customer,date,amount,quantity,product
ERP-001,2026-11-20,99.90,1,"礼盒, 大"
ERP-002,2026-11-31,10.00,1,x
ERP-009,2026-11-21,5.00,1,y
CSV
run -C s order import day.csv
expect_rc 65
expect_err_has 'day.csv:3: date: "2026-11-31" is not a date (YYYY-MM-DD)'
expect_err_has 'day.csv:4: customer: "ERP-009": no customer with this ID or ref (--create-missing creates one)'
expect_clean s
run -C s order import day.csv --skip-bad
expect_rc 0
expect_err_has "imported 1 order(s), 0 already present, 0 customer(s) created"
expect "row with a comma kept" grep -q 'product: "礼盒, 大"' s/orders/2026/11.yaml
commit_store s
run -C s order import day.csv --skip-bad
expect_out ""
expect_err_has "imported 0 order(s), 1 already present"
expect_clean s
run -C s order import day.csv --skip-bad --create-missing
expect_rc 0
expect_err_has "imported 1 order(s), 1 already present, 1 customer(s) created"
expect "stub customer has the ref" grep -lq '^ref: ERP-009$' s/customers/*.yaml
commit_store s
# Two identical rows are two orders, and stay two on re-import.
printf 'customer,date,amount\nERP-001,2026-10-05,1.00\nERP-001,2026-10-05,1.00\n' > twice.csv
run -C s order import twice.csv
expect_err_has "imported 2 order(s)"
commit_store s
feed twice.csv -C s order import -
expect_err_has "imported 0 order(s), 2 already present"
expect_clean s
printf 'customer,amount\nERP-001,1\n' > nodate.csv
run -C s order import nodate.csv
expect_rc 65
expect_err_has "nodate.csv:1: date: required column is missing"
# report retention as of a past day sees no later order and no later month
# (issue 13 case 1: it showed the month after --as-of, built from its orders).
run -C s report retention --format csv --no-header
expect_out_has "2026-11,"
run -C s --as-of 2026-10-31 report retention --format csv --no-header
expect_out "2026-10,1,1,0,0.000,0,"
run -C s --as-of 2026-10-31 report retention --from 2026-10 --to 2026-12 --format csv --no-header
expect_out "2026-10,1,1,0,0.000,0,"
run -C s report retention --from 2026-11 --to 2026-11 --format csv --no-header
expect_out_has "2026-11,"
run -C s check
expect_rc 0
finish
