# examples/scripts: the ERP order import (GBK file, its own columns, idempotent)
# and the morning reports as spreadsheet-ready CSV.
source "$TESTS/cli/testlib.bash"
command -v iconv >/dev/null || { echo "skipped: iconv missing"; exit 77; }
git_store s
mkdir bin && ln -s "$CRM" bin/crm
export PATH="$T/bin:$PATH" CRM_STORE="$T/s"
printf '客户编号,下单日期,金额,数量,商品,单号\nERP-1001,2026/11/22,"1,280.00",2,龙井礼盒,A0001\nERP-2002,2026/11/22,58.00,1,茶包,A0002\n' \
    | iconv -f UTF-8 -t GBK > day.csv
run_script() { "$@" > "$T/.out" 2> "$T/.err"; rc=$?; out=$(cat "$T/.out"); err=$(cat "$T/.err"); last="$*"; }
run_script bash "$SRC/examples/scripts/import-erp-orders.sh" day.csv
expect_rc 0
expect_err_has "imported 2 order(s), 0 already present, 2 customer(s) created"
expect "amount with a thousands separator" grep -q 'id: ERP-A0001, .*amount: "1280.00"' s/orders/2026/11.yaml
commit_store s
run_script bash "$SRC/examples/scripts/import-erp-orders.sh" day.csv
expect_err_has "imported 0 order(s), 2 already present"
expect_clean s
run_script bash "$SRC/examples/scripts/morning-reports.sh" out
expect_rc 0
expect "nine reports" test "$(ls out/*.csv | wc -l)" = 9
for f in out/*.csv; do
    expect "$f starts with a BOM" test "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" = "efbbbf"
done
expect "retention has the month" grep -q "^2026-11,2,2,0" out/*-retention.csv
finish
