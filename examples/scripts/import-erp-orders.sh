#!/usr/bin/env bash
# Imports a day's orders exported by an ERP. The ERP's CSV (GBK or UTF-8, its own
# column names: 客户编号,下单日期,金额,数量,商品,单号) is turned into crm's columns
# and imported; unknown customers get stub records, re-running the same day adds
# nothing. usage: import-erp-orders.sh ERP.csv
set -euo pipefail
crm=${CRM:-crm}
src=$1
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# ERP exports from Windows are often GBK: convert when the file is not UTF-8.
if iconv -f UTF-8 -t UTF-8 "$src" > /dev/null 2>&1; then cat "$src"; else iconv -f GBK -t UTF-8 "$src"; fi |
python3 -c '
import csv, sys
rows = csv.DictReader(sys.stdin)
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["id", "customer", "date", "amount", "quantity", "product"])
for r in rows:
    day = r["下单日期"].strip().replace("/", "-")
    out.writerow(["ERP-" + r["单号"].strip(), r["客户编号"].strip(), day, r["金额"].strip().replace(",", ""),
                  r["数量"].strip(), r["商品"].strip()])
' > "$tmp"
$crm ${CRM_OPTS:-} order import "$tmp" --create-missing
