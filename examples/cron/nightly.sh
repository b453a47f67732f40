#!/usr/bin/env bash
# Nightly RFM run for cron: recompute, then commit the changed customer files
# with a message that sums up the transitions. Quiet nights make no commit.
set -euo pipefail
: "${CRM_STORE:?set CRM_STORE to the store directory}"
crm=${CRM:-crm}
cd "$CRM_STORE"
transitions=$(mktemp)
trap 'rm -f "$transitions"' EXIT
"$crm" rfm recompute --format csv --no-header > "$transitions"
if [ -z "$(git status --porcelain)" ]; then
    echo "$(date -Iseconds) nightly: no changes"
    exit 0
fi
# "12 transitions: lifecycle 5, segment 4, tier 2, high_value 1"
summary=$(awk -F, '{ n[$2]++; total++ } END {
    printf "%d transitions:", total
    sep = " "
    for (f in n) { printf "%s%s %d", sep, f, n[f]; sep = ", " }
}' "$transitions")
git add -A customers transitions audit state
git -c user.name="${CRM_ACTOR:-cron}" -c user.email="crm-nightly@localhost" \
    commit -q -m "nightly rfm $(date +%F): $summary" -m "$(head -50 "$transitions")"
echo "$(date -Iseconds) nightly: $summary"
