# The derived record cache (.crm/cache/<kind>) as users meet it: every kind of
# change to a record file is seen, a damaged cache changes no result, and an
# unchanged store's cache is not rewritten. Files are aged two minutes first:
# the cache never keeps a file changed in the last second.
source "$TESTS/cli/testlib.bash"
age() { find s \( -path s/.crm -o -path s/.git \) -prune -o -type f -exec touch -d '-2 minutes' {} +; }
# edit_in_place FILE SED [old]: rewrites FILE through sed keeping its inode, as an
# editor saving in place does; with "old", puts its modification time back.
edit_in_place() {
    local time
    time=$(stat -c %y "$1")
    sed "$2" "$1" > edited && cat edited > "$1"
    if [ "${3:-}" = old ]; then touch -d "$time" "$1"; fi
}
git_store s
c1=$(CRM_NOW=2026-11-23T10:00:01+08:00 "$CRM" -C s customer add --name 张三 --phone 13800000001)
c2=$(CRM_NOW=2026-11-23T10:00:02+08:00 "$CRM" -C s customer add --name 李四 --region 北京)
export CRM_NOW=2026-11-23T10:01:00+08:00  # later than the records above: a view at an earlier moment would not see them
"$CRM" -C s order add --customer "$c1" --amount 100 --date 2026-11-01 -q > /dev/null
"$CRM" -C s ticket open --customer "$c2" --subject 物流延迟 -q > /dev/null
"$CRM" -C s lead add --name 王五 --phone 13900000001 -q > /dev/null
commit_store s
age
list() { run -C s customer list --fields id,name,region,m --format csv --no-header; }
list
expect_out "$c1,张三,,100.00
$c2,李四,北京,0.00"
for kind in customers orders-2026; do expect "the $kind cache was written" test -s "s/.crm/cache/$kind"; done
run -C s report sla --format csv -q
run -C s report funnel --format csv -q
for kind in tickets leads; do expect "the $kind cache was written" test -s "s/.crm/cache/$kind"; done

# Unchanged: read from the cache, and the cache is not rewritten.
before=$(stat -c %Y.%i s/.crm/cache/customers s/.crm/cache/orders-2026)
sleep 1.1
list
expect_out "$c1,张三,,100.00
$c2,李四,北京,0.00"
expect "an unchanged cache is not rewritten" test "$before" = "$(stat -c %Y.%i s/.crm/cache/customers s/.crm/cache/orders-2026)"

# A crm write (a new file renamed into place).
"$CRM" -C s customer set "$c2" --region 上海 -q
list
expect_out_has "$c2,李四,上海,"
# An editor's save in place: same inode, new time (and here the same size).
age
list
edit_in_place "s/customers/$c2.yaml" "s/上海/广州/"
list
expect_out_has "$c2,李四,广州,"
# The same inode and the old time put back, but another size.
age
list
edit_in_place "s/customers/$c2.yaml" "s/广州/乌鲁木齐/" old
list
expect_out_has "$c2,李四,乌鲁木齐,"
# git: a checkout brings back the committed file.
git -C s checkout -q -- "customers/$c2.yaml"
list
expect_out_has "$c2,李四,北京,0.00"
# A new order in the month's shard, and a removed customer file.
"$CRM" -C s order add --customer "$c1" --amount 50 --date 2026-11-02 -q > /dev/null
commit_store s
rm "s/customers/$c2.yaml"
list
expect_out "$c1,张三,,150.00"
git -C s checkout -q -- .

# A damaged or foreign cache changes no result and is replaced.
age
list
for damage in truncate zero foreign; do
    case $damage in
    truncate) head -c 100 s/.crm/cache/customers > cut && cat cut > s/.crm/cache/customers ;;
    zero) head -c "$(stat -c %s s/.crm/cache/orders-2026)" /dev/zero > s/.crm/cache/orders-2026 ;;
    foreign) printf 'crm-cache 1 customer 0 other-build 0\nxx' > s/.crm/cache/customers ;;
    esac
    list
    expect_rc 0
    expect_out "$c1,张三,,150.00
$c2,李四,北京,0.00"
done
expect "the cache was rebuilt" grep -q "^crm-cache 1 customer " s/.crm/cache/customers
rm -rf s/.crm/cache
list
expect_out "$c1,张三,,150.00
$c2,李四,北京,0.00"

# check reads the files, not the cache. Forge the one change the cache cannot
# see (same inode, same size, the old time put back): list still shows the
# cached record, check finds the bad value in the file.
age
list
edit_in_place "s/customers/$c1.yaml" 's/^kind: person$/kind: robots/' old
list
expect_rc 0
run -C s check
expect_rc 1
expect_out_has "customers/$c1.yaml:2: kind: \"robots\" is not one of company, person"
git -C s checkout -q -- .
finish
