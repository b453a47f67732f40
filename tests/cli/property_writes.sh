# Property: no accepted write (random add/set/import, boundary values of every
# schema rule) makes crm check or a list command fail. See property_writes.py.
source "$TESTS/cli/testlib.bash"
if /usr/bin/python3 "$TESTS/cli/property_writes.py" "$CRM" "$SRC/schemas" "$T" "${PROPERTY_WRITES:-10000}" 1 >"$T/.log" 2>&1; then
    pass=$((pass + 1))
    tail -2 "$T/.log" | head -1
else
    failed=$((failed + 1))
    echo "FAIL: property_writes.py"
    tail -20 "$T/.log"
fi
finish
