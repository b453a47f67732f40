# Helpers for command-line tests: run the real crm binary on real stores.
# Each test script sources this, calls `run` and the `expect_*` checks, and ends with `finish`.
set -u
: "${CRM:?CRM must name the crm binary}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export CRM_NOW=2026-11-23T10:00:00+08:00 CRM_ACTOR=tester CRM_LOCK_TIMEOUT=5
unset CRM_STORE
cd "$T"
pass=0
failed=0
out="" err="" rc=0 last=""

# run ARGS...: runs crm, capturing stdout, stderr and the exit code.
run() {
    "$CRM" "$@" >"$T/.out" 2>"$T/.err"
    rc=$?
    out=$(cat "$T/.out")
    err=$(cat "$T/.err")
    last="crm $*"
}
# feed FILE ARGS...: like run, with FILE on standard input.
feed() {
    local input=$1
    shift
    "$CRM" "$@" <"$input" >"$T/.out" 2>"$T/.err"
    rc=$?
    out=$(cat "$T/.out")
    err=$(cat "$T/.err")
    last="crm $* < $input"
}
ok() { pass=$((pass + 1)); }
bad() {
    failed=$((failed + 1))
    printf 'FAIL: %s\n  after: %s\n  exit: %s\n  stdout: %s\n  stderr: %s\n' "$1" "$last" "$rc" "$out" "$err"
}
expect_rc() { if [ "$rc" = "$1" ]; then ok; else bad "exit code $rc, expected $1"; fi; }
expect_out() { if [ "$out" = "$1" ]; then ok; else bad "stdout differs; expected:
$1"; fi; }
expect_out_has() { if [[ "$out" == *"$1"* ]]; then ok; else bad "stdout lacks: $1"; fi; }
expect_err_has() { if [[ "$err" == *"$1"* ]]; then ok; else bad "stderr lacks: $1"; fi; }
expect_err() { if [ "$err" = "$1" ]; then ok; else bad "stderr differs; expected:
$1"; fi; }
expect() {  # expect DESCRIPTION COMMAND...: the command must succeed
    local what=$1
    shift
    if "$@"; then ok; else bad "$what"; fi
}
# A store under git, committed, so every error path can prove it changed nothing.
git_store() {
    "$CRM" init "$1" -q || exit 1
    git -C "$1" init -q
    git -C "$1" add -A
    git -C "$1" -c user.name=t -c user.email=t@example.com commit -qm init
}
# add_people STORE LINE...: puts people (YAML flow maps) at the top of people: in crm.yaml.
add_people() {
    local store=$1 lines=""
    shift
    for p in "$@"; do lines+="  - $p\n"; done
    sed -i "s|^people:.*\$|&\n${lines%\\n}|" "$store/crm.yaml"
}
# cdnow_csv SRC OUT: CDNOW's whitespace columns (id, YYYYMMDD, cds, dollars) as the CSV order import reads.
cdnow_csv() {
    awk 'BEGIN { print "customer,date,quantity,amount" }
         NR > 1 { printf "%s,%s-%s-%s,%s,%s\n", $1, substr($2,1,4), substr($2,5,2), substr($2,7,2), $3, $4 }' "$1" > "$2"
}
commit_store() { git -C "$1" add -A && git -C "$1" -c user.name=t -c user.email=t@example.com commit -qm step; }
clean() { [ -z "$(git -C "$1" status --porcelain)" ]; }
expect_clean() { if clean "$1"; then ok; else bad "store $1 changed: $(git -C "$1" status --porcelain | head -5)"; fi; }
finish() {
    echo "$pass passed, $failed failed"
    [ "$failed" = 0 ]
}
