# crm rfm recompute against the pandas peer (../shared/bench/rfm_pandas.py) on
# CDNOW, customer by customer, over a chain of nightly runs (hysteresis included).
source "$TESTS/cli/testlib.bash"
src="$SHARED/data/cdnow/CDNOW_master.txt"
peer="$SHARED/bench/rfm_pandas.py"
[ -f "$src" ] && [ -f "$peer" ] || { echo "skipped: CDNOW or the pandas peer not found"; exit 77; }
/usr/bin/python3 -c "import pandas" 2>/dev/null || { echo "skipped: python3-pandas not installed"; exit 77; }
cdnow_csv "$src" cdnow.csv
"$CRM" init s -q
"$CRM" -C s order import cdnow.csv --create-missing -q >/dev/null
prev=()
for day in 1997-01-20 1997-02-28 1997-03-31 1997-04-01 1997-06-30 1997-09-30 1997-12-31 1998-03-31 1998-06-30 1998-12-31; do
    run -C s rfm recompute --as-of "$day" -q
    expect_rc 0
    "$CRM" -C s customer list --as-of "$day" --format csv \
        --fields ref,r,f,m,rfm_r,rfm_f,rfm_m,segment,lifecycle,tier,high_value > "crm-$day.csv"
    /usr/bin/python3 "$peer" cdnow.csv "$day" "${prev[@]}" --out "pandas-$day.csv"
    if result=$(/usr/bin/python3 "$TESTS/cli/rfm_compare.py" "crm-$day.csv" "pandas-$day.csv"); then
        ok
        echo "$day: $result"
    else
        bad "$day: $result"
    fi
    prev=(--prev "pandas-$day.csv")
done
# The last night once more: nothing changes.
run -C s rfm recompute --as-of 1998-12-31 -q
expect_out "changed 0 of 23570 customers (0 transitions) as of 1998-12-31"
finish
