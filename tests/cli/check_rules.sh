# crm check's rules across records and its derived values (issue 13 cases 3 and 6):
# a stored BANT score that crm.yaml's weights no longer give is never shown
# (views compute it when read) and check flags it until lead rescore rewrites
# it; a lead with a customer's phone, or another lead's email, is a likely
# duplicate, but a lead and the customer it became are one.
source "$TESTS/cli/testlib.bash"
git_store s
weights() { sed -i "s|^  bant_weights:.*|  bant_weights: {budget: $1, authority: $2, need: $3, timeline: $4}|" s/crm.yaml; }
expect "crm.yaml has one bant_weights line" test "$(grep -c '^  bant_weights:' s/crm.yaml)" = 1

# Added with weights 2/1/1/0: 4 * (2*20 + 20 + 20) / 4 = 80, grade A.
weights 2 1 1 0
l=$("$CRM" -C s lead add --name 王五 --budget 20 --authority 20 --need 20 --timeline 0)
run -C s lead show "$l" --fields score,grade --format csv --no-header
expect_out "80,A"
commit_store s
# Back to 1/1/1/1: 60, grade B, wherever it is read.
weights 1 1 1 1
run -C s lead show "$l" --fields score,grade --format csv --no-header
expect_out "60,B"
run -C s lead list --grade A --fields id --no-header
expect_out ""
run -C s report leads --by grade --format csv --fields group,leads --no-header
expect_out "B,1"
run -C s check
expect_rc 1
expect_out_has "leads/$l.yaml: score: stored \"80\" is stale: crm.yaml now gives \"60\" (crm lead rescore rewrites it)"
expect_out_has "leads/$l.yaml: grade: stored \"A\" is stale: crm.yaml now gives \"B\""
# A write to the lead refreshes them too, and its audit line says so.
run -C s lead set "$l" --region 北京 --dry-run
expect_err_has "would change $l: region,score,grade"
run -C s lead rescore --dry-run
expect_out "$l"
expect_err_has "would change $l: score,grade"
git -C s add crm.yaml
run -C s lead rescore
expect_out "$l"
expect_err_has "rescored 1 lead(s)"
expect "the file holds the fresh score" grep -qx "score: 60" "s/leads/$l.yaml"
run -C s check
expect_rc 0
run -C s lead rescore
expect_out ""
commit_store s

# Duplicates across kinds, by normalised phone and email.
c=$("$CRM" -C s customer add --name 张三 --phone 13800138000)
run -C s lead add --name 张三 --phone "+86 138 0013 8000" --allow-duplicate
expect_rc 0
dup=$out
run -C s lead add --name 李四 --email li@example.com
l2=$out
run -C s lead add --name 李四 --email LI@example.com --allow-duplicate
l3=$out
run -C s check
expect_rc 1
expect_out_has "leads/$dup.yaml: phone: same as customers/$c.yaml (likely duplicate of customer $c)"
# (which of the two is flagged depends on ID order: both were added at the same CRM_NOW)
expect_out_has ".yaml: email: same as leads/"
expect_out_has "(likely duplicate lead)"
# A won lead converted to a customer shares its contacts with it: not a duplicate.
git -C s rm -q "s/leads/$dup.yaml" >/dev/null 2>&1 || rm "s/leads/$dup.yaml"
rm "s/leads/$l3.yaml"
"$CRM" -C s lead status "$l2" won >/dev/null
run -C s lead convert "$l2"
expect_rc 0
run -C s check
expect_rc 0
finish
