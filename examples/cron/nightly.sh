#!/usr/bin/env bash
# Nightly run for cron: recompute RFM, then the value models and the health
# bands (crm-value(1)), then decide tonight's automation
# messages into the outbox (crm-automation(1)), then commit the changed files
# with a message that sums up the transitions and messages. Quiet nights make
# no commit.
set -euo pipefail
: "${CRM_STORE:?set CRM_STORE to the store directory}"
crm=${CRM:-crm}
cd "$CRM_STORE"
transitions=$(mktemp)
trap 'rm -f "$transitions"' EXIT
"$crm" rfm recompute --format csv --no-header > "$transitions"
# "wrote state/value.yaml (...); moved 4 customers' risk band"
value=$("$crm" value recompute 2>&1 >/dev/null | tail -1)
# "wrote 3 message(s) due, 1 suppressed, as of ...": on tonight's classification.
messages=$("$crm" automation run 2>&1 >/dev/null | tail -1)
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
git add -A customers transitions audit state outbox
git -c user.name="${CRM_ACTOR:-cron}" -c user.email="crm-nightly@localhost" \
    commit -q -m "nightly rfm $(date +%F): $summary" -m "value: $value" -m "automation: $messages" -m "$(head -50 "$transitions")"
echo "$(date -Iseconds) nightly: $summary; value: $value; automation: $messages"
