# crm value on the real CDNOW data, as the papers that introduced the models
# used it: a 39-week calibration from 1997-01-01 (to 1997-09-30) and a 39-week
# holdout (to 1998-06-30). The fit must be near the papers' parameters, predict
# the holdout, and agree with an independent fit of the same likelihoods in
# scipy (tests/value_scipy.py) to 1%; value recompute keeps the fit of its
# night in state/value.yaml, and customer list uses it.
source "$TESTS/cli/testlib.bash"
src="$SHARED/data/cdnow/CDNOW_master.txt"
[ -f "$src" ] || { echo "skipped: $src not found"; exit 77; }
cdnow_csv "$src" cdnow.csv
git_store s
"$CRM" -C s order import cdnow.csv --create-missing -q >/dev/null --as-of 1998-07-01
commit_store s

run -C s value fit --calibration-end 1997-09-30 --as-of 1998-07-01 --format csv --no-header
expect_rc 0
declare -A crm
while IFS=, read -r name value; do crm[$name]=$value; done <<<"$out"
echo "$out"
# within PERCENT of WANT: name, got, want, percent
near() {
    if awk -v got="$2" -v want="$3" -v pct="$4" 'BEGIN { d = (got - want) / want; if (d < 0) d = -d; exit !(d * 100 <= pct) }'; then
        ok
    else
        bad "$1 = $2, not within $4% of $3"
    fi
}
expect_out_has "calibration_end,1997-09-30"
expect_out_has "customers,23570"
for want in r:0.243 alpha:4.414 a:0.793 b:2.426; do near "${want%:*}" "${crm[${want%:*}]}" "${want#*:}" 15; done
for want in p:6.25 q:3.74 gamma:15.44; do near "${want%:*}" "${crm[${want%:*}]}" "${want#*:}" 10; done
near holdout_purchases "${crm[holdout_purchases_predicted]}" "${crm[holdout_purchases_actual]}" 20
near holdout_spend "${crm[holdout_spend_predicted]}" "${crm[holdout_spend_actual]}" 5
expect_out_has "holdout_end,1998-06-30"

# The same likelihoods fitted independently (scipy), when Debian's python3-scipy is there.
if /usr/bin/python3 -c "import scipy" 2>/dev/null; then
    declare -A peer
    while IFS=, read -r name value; do peer[$name]=$value; done < <(/usr/bin/python3 "$TESTS/value_scipy.py" "$src" 1997-09-30 1998-06-30)
    for name in r alpha a b p q gamma bgnbd_log_likelihood gamma_gamma_log_likelihood holdout_purchases_predicted \
                holdout_purchases_actual holdout_spend_predicted holdout_spend_actual; do
        near "$name against scipy" "${crm[$name]}" "${peer[$name]}" 1
    done
else
    echo "skipped the scipy comparison: python3-scipy not installed"
fi

# value recompute: the fit of its night, written once; customer list uses it.
run -C s value recompute --as-of 1997-09-30 --format csv --no-header --fields value
expect_rc 0
expect "state/value.yaml holds the fit" grep -qx "calibration_end: 1997-09-30" s/state/value.yaml
stored_r=$(sed -n 's/^bgnbd: {r: \([0-9.]*\),.*/\1/p' s/state/value.yaml)
[ "${#stored_r}" -ge 11 ] && ok || bad "state/value.yaml keeps r to ten digits: $stored_r"
near "stored r" "$stored_r" "${crm[r]}" 0.001
expect_err_has "wrote state/value.yaml (23570 customers, "
commit_store s
run -C s value recompute --as-of 1997-09-30
expect_err_has "unchanged: state/value.yaml"
expect_clean s
run -C s customer list --as-of 1997-09-30 --format csv --fields ref,p_alive,expected_purchases,expected_spend,potential_value,clv
expect_rc 0
expect "no note: the stored fit is of the day" test -z "$err"
# Customer 1 (ref 00001) bought once, on 1997-01-01: alive with the probability 1 BG/NBD gives a one-time buyer.
expect_out_has "ref,p_alive,expected_purchases,expected_spend,potential_value,clv"
line=$(grep '^00001,' <<<"$out")
[[ "$line" == 00001,1.0000,* ]] && ok || bad "customer 00001: $line"
# The sum of potential values is the fitted customers' expected purchases over 52 weeks times their spend.
total=$(awk -F, 'NR > 1 && $5 != "" { s += $5 } END { printf "%.0f", s }' <<<"$out")
[ "$total" -gt 0 ] && ok || bad "no potential value: $total"
run -C s customer list --as-of 1997-06-30 --format csv --fields ref,potential_value
expect_rc 0
expect_err_has "value models fitted to the orders up to 1997-06-30; the stored fit (value recompute) is of 1997-09-30"
finish
