# Hostile files in a store (they can arrive with a git pull): crm answers each
# within a second, naming file and line, keeps the rest of the store usable,
# and never writes through a symbolic link.
source "$TESTS/cli/testlib.bash"
git_store s
good=$("$CRM" -C s customer add --name 张三 --phone 13800138000 --ref K1)
bad=$("$CRM" -C s customer add --name 李四 --ref K2)
"$CRM" -C s order add --customer K1 --amount 10 --date 2026-11-01 >/dev/null
commit_store s
f="s/customers/$bad.yaml"

# within SECONDS COMMAND...: run, and fail the case when it takes longer.
within() {
    local limit=$1 start end
    shift
    start=$(date +%s%N)
    run "$@"
    end=$(date +%s%N)
    if [ $(((end - start) / 1000000)) -le $((limit * 1000)) ]; then ok; else bad "took $(((end - start) / 1000000)) ms"; fi
}

# A hostile record file: check names it, readers leave it out and say so, the nightly job runs.
hostile() {  # hostile NAME MESSAGE: $f holds the file; then the checks
    local message=$2
    within 2 -C s check
    expect_rc 1
    expect_out_has "customers/$bad.yaml:"
    expect_out_has "$message"
    within 2 -C s customer list --fields id,name
    expect_rc 65
    expect_out_has "$good"
    expect_err_has "left out: customers/$bad.yaml:"
    within 2 -C s rfm recompute
    expect_rc 65
    expect_err_has "left out: customers/$bad.yaml"
    within 2 -C s customer set "$bad" --region x
    expect_rc 65
    expect_err_has "$message"
    git -C s checkout -q -- . && git -C s clean -qfd
}

python3 - "$f" <<'EOF'
import sys
lines = ['id: x', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for i in range(1, 10):
    lines.append(f'{chr(97 + i)}: &{chr(97 + i)} [' + ','.join([f'*{chr(96 + i)}'] * 9) + ']')
open(sys.argv[1], 'w').write('\n'.join(lines) + '\n')
EOF
hostile "billion laughs" "an anchor (&name): crm reads no anchors or aliases"

python3 -c "import sys; open(sys.argv[1], 'w').write(''.join(f'k{i}: v\n' for i in range(100000)))" "$f"
hostile "100,000 keys" "more than 1000 keys in one mapping"

python3 -c "import sys; open(sys.argv[1], 'w').write('name: ' + 'x' * 10_000_000 + '\n')" "$f"
hostile "10 MB line" "the file is 10000007 bytes, more than a record may be"
python3 -c "import sys; open(sys.argv[1], 'w').write('name: ' + 'x' * 2_000_000 + '\n')" "$f"
hostile "2 MB line" "line is 2000006 bytes long"

python3 -c "import sys; open(sys.argv[1], 'w').write('[\n' * 1000 + ']\n' * 1000)" "$f"
hostile "nesting" "nested more than 16 levels deep"

# What crm would drop on the next write is refused, never read in part.
sed -e 's/^name: .*/name: 李四\nname: 王五/' "s/customers/$good.yaml" > "$f"
hostile "duplicate key" 'duplicate key "name"'
{ cat "s/customers/$bad.yaml"; printf -- '---\nname: 王五\n'; } > t.yaml && mv t.yaml "$f"
hostile "second document" "a second YAML document"
sed -e 's/^name: .*/name: !!python\/object 李四/' "s/customers/$bad.yaml" > t.yaml && mv t.yaml "$f"
hostile "tag" "a tag (tag:yaml.org,2002:python/object)"
{ cat "s/customers/$bad.yaml"; printf '<<: {region: x}\n'; } > t.yaml && mv t.yaml "$f"
hostile "merge key" "a merge key (<<)"

# A hand-edited order shard with a stray line is an error at that line, not a prefix.
shard=s/orders/2026/11.yaml
for stray in 'note: 1' '...' '---' 'x: ['; do
    { cat "$shard"; printf '%s\n' "$stray"; printf -- '- {id: O-2, customer: %s, date: 2026-11-02, amount: 5}\n' "$good"; } > t.yaml
    cp t.yaml "$shard"
    run -C s check
    expect_rc 1
    expect_out_has "orders/2026/11.yaml:"
    run -C s order add --customer K1 --amount 1 --date 2026-11-03
    expect_rc 65
    expect_err_has "orders/2026/11.yaml:"
    expect "the shard is kept as it was ($stray)" cmp -s t.yaml "$shard"
    git -C s checkout -q -- .
done

# No write follows a link: the outside file is unchanged, exit 73, nothing written.
echo "outside" > outside.txt
link_case() {  # link_case PATH-IN-STORE: PATH becomes a link to outside.txt
    local p=$1
    rm -rf "s/$p" && mkdir -p "$(dirname "s/$p")" && ln -s "$T/outside.txt" "s/$p"
    run -C s customer set "$good" --region 上海
    expect_rc 73
    expect_err_has "$p: is a symbolic link"
    expect "outside.txt unchanged after a write through $p" test "$(cat outside.txt)" = outside
    expect "$p is still the link" test -L "s/$p"
    expect "no customer file changed when $p is a link" test -z "$(git -C s status --porcelain customers | grep -v "$p")"
    rm -rf "s/$p"
    git -C s checkout -q -- . 2>/dev/null
}
link_case "audit/2026/11.log"
link_case "customers/$good.yaml"
mkdir -p s/.crm
link_case ".crm/tmp"
link_case ".crm/cache"
link_case ".crm/txn"
mkdir -p outdir
rm -rf s/audit && ln -s "$T/outdir" s/audit
run -C s customer set K1 --region 上海
expect_rc 73
expect_err_has "audit: is a symbolic link"
expect "nothing written into a linked folder" test -z "$(ls outdir)"
rm s/audit && git -C s checkout -q -- .

# A rewrite keeps the file's mode; new files get the umask.
chmod 600 "s/customers/$good.yaml"
run -C s customer set K1 --region 广州
expect_rc 0
expect "mode 600 kept on rewrite" test "$(stat -c %a "s/customers/$good.yaml")" = 600
new=$(umask 027 && "$CRM" -C s customer add --name 赵六)
expect "a new record gets the umask (027 -> 640)" test "$(stat -c %a "s/customers/$new.yaml")" = 640

# Masking reaches --dry-run: a sales user without the pii right sees no phone.
add_people s "{name: alice, role: sales}" "{name: tester, role: admin, rights: [pii]}"
"$CRM" -C s customer set K1 --owner alice >/dev/null
run -C s --actor alice customer set K1 --phone 13900139000 --dry-run
expect_rc 0
expect_err_has "phone: 138****8000 -> 139****9000"
if [[ "$err" == *13800138000* || "$err" == *13900139000* ]]; then bad "dry run shows a phone unmasked"; else ok; fi

# A CSV of a million columns, a directory as input: clear errors at once.
python3 -c "print(','.join(f'c{i}' for i in range(1_000_000)))" > wide.csv
within 2 -C s customer import wide.csv
expect_rc 65
expect_err_has "wide.csv:1: more than 1000 columns in one row"
mkdir -p adir
run -C s customer import adir
expect_rc 66
expect_err_has "adir: is a directory"
finish
