# Every man page renders without a warning (groff -k -man -ww), and crm.1 names every noun.
source "$TESTS/cli/testlib.bash"
command -v groff >/dev/null || { echo "skipped: groff not installed"; exit 77; }
for page in "$SRC"/man/*.[15]; do
    warnings=$(LC_ALL=C.UTF-8 groff -k -man -ww -Tutf8 -z "$page" 2>&1)
    if [ -z "$warnings" ]; then ok; else bad "$(basename "$page"): $warnings"; fi
done
# The nouns as crm --help lists them (the registry, lib/commands.cpp).
nouns=$("$CRM" --help | awk '/^Subcommands:/ { on = 1; next } on && NF { print $1 }')
[ -n "$nouns" ] || bad "crm --help lists no nouns"
for noun in $nouns; do
    expect "crm.1 lists $noun" grep -q "crm $noun" "$SRC/man/crm.1"
done
finish
