#!/usr/bin/env bash
# make demo: builds an example store from examples/, runs the nightly job and
# prints the morning's reports. Usage: demo.sh CRM_BINARY STORE_DIR
set -euo pipefail
crm=$1
store=$2
here=$(cd "$(dirname "$0")" && pwd)
export CRM_NOW=2026-11-23T18:00:00+08:00 CRM_ACTOR=admin
rm -rf "$store"
"$crm" init "$store" -q
cp "$here/crm.yaml" "$store/crm.yaml"   # the demo company's people, hours and rules
echo "== crm customer import examples/customers.csv"
"$crm" -C "$store" customer import "$here/customers.csv" >/dev/null
echo "== crm order import examples/orders.csv --create-missing (ERP-1007 is new)"
"$crm" -C "$store" order import "$here/orders.csv" --create-missing >/dev/null
echo "== crm order import again: idempotent"
"$crm" -C "$store" order import "$here/orders.csv" --create-missing >/dev/null
echo "== crm lead import examples/leads.csv --auto-assign"
"$crm" -C "$store" lead import "$here/leads.csv" --auto-assign >/dev/null
lead=$("$crm" -C "$store" lead list --grade A --fields id --no-header | head -1)
"$crm" -C "$store" lead log "$lead" --channel wechat --note "发了报价单" --next 2026-11-25 >/dev/null
"$crm" -C "$store" lead status "$lead" won >/dev/null
"$crm" -C "$store" lead convert "$lead" >/dev/null
echo "== crm ticket open / reply / status"
t=$(CRM_NOW=2026-11-20T17:30:00+08:00 "$crm" -C "$store" ticket open --customer ERP-1001 \
      --subject "龙井礼盒受潮, 要求换货" --type quality --priority high --channel wechat)
CRM_NOW=2026-11-21T10:00:00+08:00 "$crm" -C "$store" ticket open --customer ERP-1002 --subject 发票抬头错误 --type service >/dev/null
CRM_NOW=2026-11-23T09:50:00+08:00 "$crm" -C "$store" ticket reply "$t" --note "已联系客户, 安排换货" >/dev/null
echo
echo "== crm ticket escalate --auto (cron, every 15 minutes)"
"$crm" -C "$store" ticket escalate --auto
echo
echo "== crm rfm recompute (the nightly job)"
"$crm" -C "$store" rfm recompute --fields customer,field,to
echo
echo "== crm value recompute (nightly, after rfm): the value models and health bands"
"$crm" -C "$store" value recompute --fields name,value
echo
echo "== crm automation run (after the nightly job): into the outbox"
"$crm" -C "$store" automation run
"$crm" -C "$store" outbox list --fields customer,automation,channel,status,due,reason
echo
echo "== crm customer timeline ERP-1001"
"$crm" -C "$store" customer timeline ERP-1001
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
echo "== crm customer list --risk high (the win-back list) and crm report kpi"
"$crm" -C "$store" customer list --risk high --fields ref,name,health,m,profit
"$crm" -C "$store" report kpi --fields metric,value,aim,target,status
echo
echo "== crm lead list"
"$crm" -C "$store" lead list --fields name,company,score,grade,status,owner,overdue
echo
echo "== crm report funnel --by source"
"$crm" -C "$store" report funnel --by source --fields group,leads,won,to_contacted,won_rate
echo
echo "== crm report sla --by type"
"$crm" -C "$store" report sla --by type --fields group,tickets,fr_achieved,fr_breached,res_active,escalated
echo
echo "== crm check"
"$crm" -C "$store" check
echo
echo "The demo store is in $store; try: $crm -C $store customer show ERP-1001"
