# crm init, crm check, store discovery, global options, help and exit codes.
source "$TESTS/cli/testlib.bash"

run init s
expect_rc 0
expect_err "initialised crm store in s"
expect "crm.yaml is the commented SPEC default" grep -q "^timezone: \"+08:00\" *# UTC offset" s/crm.yaml
expect ".gitignore hides .crm/" grep -qx ".crm/" s/.gitignore
run init s
expect_rc 73
expect_err_has "a store already exists here"

run -C s check
expect_rc 0
expect_err "check: no records: ok"

# Discovery: nearest ancestor, $CRM_STORE, and no store at all.
mkdir -p s/customers/deep elsewhere
(cd s/customers/deep && "$CRM" customer add --name 王五 >/dev/null) && ok || bad "discovery from a subdirectory"
CRM_STORE=s run customer list --fields name --no-header
expect_out "王五"
(cd elsewhere && "$CRM" customer list >/dev/null 2>&1; [ $? = 66 ]) && ok || bad "no store gives 66"
run -C nowhere customer list
expect_rc 66
expect_err_has "not a crm store"

# Usage errors are 64.
run -C s customer add --name x --bogus
expect_rc 64
expect_err_has "--bogus"
run -C s customer frobnicate
expect_rc 64
run -C s --format xml customer list
expect_rc 64
expect_err_has "--format"
run -C s customer list --fields id,nope
expect_rc 64
expect_err "crm: --fields: unknown field \"nope\"; valid: id,ref,kind,name,phone,email,wechat,region,industry,source,owner,credit_code,birthday,tags,preferred_channel,refused_channels,opt_out,quiet_hours,lead,created,updated,r,f,m,rfm_r,rfm_f,rfm_m,points,points_expiring,p_alive,expected_purchases,expected_spend,potential_value,clv,profit,health,segment,lifecycle,tier,high_value,risk"
run -C s --as-of someday customer list
expect_rc 64
expect_err_has "--as-of"

# Global options stand before the noun or after the verb alike.
run -C s --format csv customer list --fields name
a=$out
run customer list --fields name --format csv -C s
expect_out "$a"

run help customer add
expect_rc 0
expect_out_has "--phone"
run help customer nosuch
expect_rc 64
run --version
expect_rc 0
expect_out_has "crm "

# check lists every problem as file:line: field: message and exits 1.
git_store g
run -C g customer add --name 张三 --phone 13800138000
id=$out
commit_store g
printf 'id: C-1NG8H4RNM0QE\nname: [broken\n' > g/customers/C-1NG8H4RNM0QE.yaml
cat > g/customers/C-1NG8H4RNM0QF.yaml <<'YAML'
id: C-1NG8H4RNM0QF
name: 李四
phone: "+8613800138000"
kind: robot
created: 2026-11-23T10:00:00+08:00
updated: 2026-11-23
YAML
mkdir -p g/orders/2026
printf -- '- {id: O-1, customer: C-1NG8H4RNM0QZ, date: 2026-11-01, amount: "12,5"}\n- {id: O-2, customer: %s, date: 2026-12-01, amount: "1.00"}\n' "$id" > g/orders/2026/11.yaml
run -C g check
expect_rc 1
expect_out_has "customers/C-1NG8H4RNM0QE.yaml:3: YAML syntax"
expect_out_has "customers/C-1NG8H4RNM0QF.yaml:4: kind: \"robot\" is not one of company, person"
expect_out_has "customers/C-1NG8H4RNM0QF.yaml:6: updated: \"2026-11-23\" is not an RFC 3339 time"
expect_out_has "orders/2026/11.yaml:1: amount: \"12,5\" is not a decimal"
expect_out_has "orders/2026/11.yaml:2: date: 2026-12-01 belongs in orders/2026/12.yaml"
expect_err "crm: check: 5 problem(s)"
# A malformed record makes commands that read it fail with 65, naming the place.
run -C g customer list
expect_rc 65
expect_err_has "customers/C-1NG8H4RNM0QE.yaml:3: YAML syntax"
git -C g checkout -q -- . && rm -rf g/orders/2026 g/customers/C-1NG8H4RNM0QF.yaml g/customers/C-1NG8H4RNM0QE.yaml
# Likely duplicates: the same normalised phone on two customers. add refuses
# it (a phone is one customer's); a hand-made file gets past add, not check.
run -C g customer add --name 张三丰 --phone "+86 138-0013-8000"
expect_rc 65
expect_err_has "--phone: this value is already customer $id's"
expect_clean g
twin=C-1NG8H4RNM0ZY
sed -e "s/^id: .*/id: $twin/" -e "s/^name: .*/name: 张三丰/" "g/customers/$id.yaml" > "g/customers/$twin.yaml"
run -C g check
expect_rc 1
expect_out_has "phone: same as customers/$id.yaml (likely duplicate customer)"
git -C g checkout -q -- . && git -C g clean -qfd
# Orders: an ID used in two months and an unknown customer, each with its place
# (check reads orders a month at a time and remembers only where each ID was).
mkdir -p g/orders/2026
printf -- '- {id: O-DUP, customer: %s, date: 2026-10-05, amount: "1.00"}\n' "$id" > g/orders/2026/10.yaml
printf -- '- {id: O-DUP, customer: %s, date: 2026-11-05, amount: "2.00"}\n- {id: O-X, customer: C-1NG8H4RNM0ZZ, date: 2026-11-06, amount: "3.00"}\n' "$id" > g/orders/2026/11.yaml
run -C g check
expect_rc 1
expect_out "orders/2026/11.yaml:1: id: O-DUP: duplicate order ID (also orders/2026/10.yaml:1)
orders/2026/11.yaml:2: customer: C-1NG8H4RNM0ZZ: no such customer"
git -C g checkout -q -- . && git -C g clean -qfd

# A bad crm.yaml is exit 78 naming the key, for every command.
printf 'version: 1\nrfm:\n  window_days: -3\n  colour: red\n' > g/crm.yaml
run -C g check
expect_rc 78
expect_err_has "crm.yaml:3: rfm.window_days: -3 is less than 1"
expect_err_has "rfm.colour: unknown key"
run -C g customer list
expect_rc 78
git -C g checkout -q -- crm.yaml
run -C g check
expect_rc 0
finish
