#!/usr/bin/env bash
# The morning's reports as CSV files a spreadsheet opens cleanly (UTF-8 with a
# byte-order mark, so Excel shows Chinese text). usage: morning-reports.sh [OUTDIR]
# The store comes from $CRM_STORE (or -C in CRM_OPTS); the files are named by date.
set -euo pipefail
crm=${CRM:-crm}
out=${1:-reports}
day=$(date +%F)
mkdir -p "$out"
report() {  # report NAME ARGS...
    local name=$1
    shift
    $crm ${CRM_OPTS:-} report "$@" --format csv --bom > "$out/$day-$name.csv"
    echo "$out/$day-$name.csv"
}
report sla-by-priority sla --by priority
report sla-by-group sla --by group
report complaints complaints --month "$(date +%Y-%m)"
report rfm-by-segment rfm --by segment
report rfm-by-tier rfm --by tier
report funnel funnel --by source
report lead-followup sla --leads --by owner
report retention retention
$crm ${CRM_OPTS:-} followup due --format csv --bom > "$out/$day-followups-due.csv"
echo "$out/$day-followups-due.csv"
