# Replay (issue 13): a scripted month of at least 200 events of every kind, then
# every reading command at each saved moment again with --as-of on the final
# store, byte for byte. See replay.py. The sanitizer build (ten times slower)
# replays the first four days (REPLAY_DAYS=4, set by make sanitize).
source "$TESTS/cli/testlib.bash"
if /usr/bin/python3 "$TESTS/cli/replay.py" "$CRM" "$T" 13 "${REPLAY_DAYS:-28}" >"$T/.log" 2>&1; then
    pass=$((pass + 1))
    tail -1 "$T/.log"
else
    failed=$((failed + 1))
    echo "FAIL: replay.py"
    tail -40 "$T/.log"
fi
finish
