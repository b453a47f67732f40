# bash and zsh completion come from the command definitions: every noun, verb
# and option of `crm help` appears, and completing in a real bash works.
source "$TESTS/cli/testlib.bash"
run completion bash
expect_rc 0
script=$out
echo "$script" > crm.bash
# Every subcommand and option that --help lists appears in the script.
nouns=$("$CRM" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
expect "help lists nouns" test -n "$nouns"
for noun in $nouns; do
    expect "noun $noun" grep -q "\"$noun/\")" crm.bash
    verbs=$("$CRM" "$noun" --help 2>/dev/null | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
    for verb in $verbs; do
        expect "verb $noun $verb" grep -q "\"$noun/$verb\")" crm.bash
        for option in $("$CRM" "$noun" "$verb" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
            grep -q -- "\"$noun/$verb\") words=\"[^\"]*$option\b" crm.bash || bad "$noun $verb $option missing"
        done
    done
done
# Completing in bash: after -C DIR the noun is still the first word.
complete_words() { bash -c 'source ./crm.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _crm; echo "${COMPREPLY[*]}"' _ "$@"; }
expect "nouns" test "$(complete_words crm cu)" = "customer"
expect "verbs after -C DIR" test "$(complete_words crm -C s lead con)" = "convert"
expect "options" test "$(complete_words crm ticket open --pri)" = "--priority"
expect "global options everywhere" test "$(complete_words crm order list --form)" = "--format"
run completion zsh
expect_rc 0
expect_out_has "#compdef crm"
run completion fish
expect_rc 64
ok
finish
