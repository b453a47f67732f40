# The derived contact index behind lead add's duplicate check: it sees records
# written by other commands and by git, and deleting or corrupting it changes nothing.
source "$TESTS/cli/testlib.bash"
git_store s
l1=$("$CRM" -C s lead add --name 甲 --phone 13800000001)
expect "the index was built" test -f s/.crm/cache/contact-index.sig
expect "in 256 shards" test "$(ls s/.crm/cache/contact-index | wc -l)" = 256
expect "the cache is not tracked" test -z "$(git -C s status --porcelain --ignored=no .crm)"
run -C s lead add --name 乙 --phone "+86 138 0000 0001"
expect_rc 65
expect_err_has "likely duplicate of $l1"
# A customer added by another command is seen (its folder changed: rebuilt).
c=$("$CRM" -C s customer add --name 丙 --phone 13800000002 --email bing@example.com)
run -C s lead add --name 丁 --email BING@example.com
expect_rc 65
expect_err_has "likely duplicate of $c (same email)"
commit_store s
# A change arriving through git (a checkout replaces the file) is seen too.
git -C s checkout -q -b other
sed -i 's/"+8613800000001"/"+8613800000009"/' "s/leads/$l1.yaml"
commit_store s
git -C s checkout -q -
git -C s merge -q other
run -C s lead add --name 戊 --phone 13800000009
expect_rc 65
expect_err_has "likely duplicate of $l1 (same phone)"
run -C s lead add --name 己 --phone 13800000001 -q
expect_rc 0
commit_store s
# Deleting or corrupting the cache changes no result.
rm -rf s/.crm/cache
run -C s lead add --name 庚 --phone 13800000001
expect_rc 65
printf 'crm-contacts 2 garbage\n' > s/.crm/cache/contact-index.sig
run -C s lead add --name 辛 --phone 13800000002
expect_rc 65
expect_err_has "likely duplicate of $c"
# A shard emptied behind the index's back (a torn write) fails its size check.
for f in s/.crm/cache/contact-index/*; do : > "$f"; done
run -C s lead add --name 壬 --phone 13800000002
expect_rc 65
expect_err_has "likely duplicate of $c"
# A lead imported by another command, then a lead added with --allow-duplicate
# (which skips the check): the index must not be signed as current without the
# imported lead. (It was, and the import's duplicate went unnoticed.)
printf 'name,phone\n癸,13800000077\n' > new.csv
run -C s lead import new.csv -q
expect_rc 0
run -C s lead add --name 子 --phone 13800000078 --allow-duplicate -q
expect_rc 0
commit_store s
run -C s lead add --name 丑 --phone 13800000077
expect_rc 65
expect_err_has "(same phone)"
expect_clean s
finish
