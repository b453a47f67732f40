# The derived contact index behind lead add's duplicate check: it sees records
# written by other commands and by git, and deleting or corrupting it changes nothing.
source "$TESTS/cli/testlib.bash"
git_store s
l1=$("$CRM" -C s lead add --name 甲 --phone 13800000001)
expect "the index was built" test -f s/.crm/cache/contacts
expect "the cache is not tracked" test -z "$(git -C s status --porcelain --ignored=no .crm)"
run -C s lead add --name 乙 --phone "+86 138 0000 0001"
expect_rc 65
expect_err_has "likely duplicate of $l1"
# A customer added by another command is seen (its folder changed: rebuilt).
c=$("$CRM" -C s customer add --name 丙 --phone 13800000002 --email bing@example.com)
run -C s lead add --name 丁 --email BING@example.com
expect_rc 65
expect_err_has "likely duplicate of $c (email bing@example.com)"
commit_store s
# A change arriving through git (a checkout replaces the file) is seen too.
git -C s checkout -q -b other
sed -i 's/"+8613800000001"/"+8613800000009"/' "s/leads/$l1.yaml"
commit_store s
git -C s checkout -q -
git -C s merge -q other
run -C s lead add --name 戊 --phone 13800000009
expect_rc 65
expect_err_has "likely duplicate of $l1 (phone +8613800000009)"
run -C s lead add --name 己 --phone 13800000001 -q
expect_rc 0
commit_store s
# Deleting or corrupting the cache changes no result.
rm -rf s/.crm/cache
run -C s lead add --name 庚 --phone 13800000001
expect_rc 65
printf 'crm-contacts 1 garbage\np\t+86\n' > s/.crm/cache/contacts
run -C s lead add --name 辛 --phone 13800000002
expect_rc 65
expect_err_has "likely duplicate of $c"
expect_clean s
finish
