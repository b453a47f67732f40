# Every man page renders without a warning (groff -k -man -ww), and crm.1 names every noun.
source "$TESTS/cli/testlib.bash"
command -v groff >/dev/null || { echo "skipped: groff not installed"; exit 77; }
for page in "$SRC"/man/*.[15]; do
    warnings=$(LC_ALL=C.UTF-8 groff -k -man -ww -Tutf8 -z "$page" 2>&1)
    if [ -z "$warnings" ]; then ok; else bad "$(basename "$page"): $warnings"; fi
done
for noun in init check customer order lead followup ticket interaction automation outbox rfm report audit completion help; do
    expect "crm.1 lists $noun" grep -q "crm $noun" "$SRC/man/crm.1"
done
finish
