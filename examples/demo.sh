#!/usr/bin/env bash
# make demo: builds an example store from examples/, runs the nightly job and
# prints the morning's reports. Usage: demo.sh CRM_BINARY STORE_DIR
set -euo pipefail
crm=$1
store=$2
here=$(cd "$(dirname "$0")" && pwd)
export CRM_NOW=2026-11-23T08:00:00+08:00 CRM_ACTOR=demo
rm -rf "$store"
"$crm" init "$store" -q
echo "== crm customer import examples/customers.csv"
"$crm" -C "$store" customer import "$here/customers.csv" >/dev/null
echo "== crm order import examples/orders.csv --create-missing (ERP-1007 is new)"
"$crm" -C "$store" order import "$here/orders.csv" --create-missing >/dev/null
echo "== crm order import again: idempotent"
"$crm" -C "$store" order import "$here/orders.csv" --create-missing >/dev/null
echo "== crm rfm recompute (the nightly job)"
"$crm" -C "$store" rfm recompute --fields customer,field,to
echo
echo "== crm customer list"
"$crm" -C "$store" customer list --fields ref,name,region,r,f,m,segment,lifecycle,tier,high_value
echo
echo "== crm report rfm --by tier"
"$crm" -C "$store" report rfm --by tier
echo
echo "== crm report rfm --by segment --format csv"
"$crm" -C "$store" report rfm --by segment --format csv
echo
echo "== crm check"
"$crm" -C "$store" check
echo
echo "The demo store is in $store; try: $crm -C $store customer show ERP-1001"
