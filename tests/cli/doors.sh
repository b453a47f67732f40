# One rule per field at every door: a value refused by a flag is refused by an
# import column, a hand-edited file and check, with the field named; values
# held once stay so; each case leaves the store unchanged.
source "$TESTS/cli/testlib.bash"
git_store s
k1=$("$CRM" -C s customer add --name 张三 --ref K1 --phone 13800138000 --email zs@example.com)
"$CRM" -C s order add --customer K1 --amount 10 --date 2026-11-01 >/dev/null
commit_store s

# refuse CODE FRAGMENT ARGS...: the command fails so, and changes nothing.
refuse() {
    local code=$1 fragment=$2
    shift 2
    run -C s "$@"
    if [ "$rc" = "$code" ] && [[ "$err" == *"$fragment"* ]] && clean s; then ok; else bad "expected exit $code and \"$fragment\", store unchanged"; fi
}

# Control characters: a newline in a tag, a product, a name; NUL and tabs in import cells.
refuse 65 "--tag: holds a control character" customer add --name x --tag $'a\nb'
refuse 65 "--product: holds a control character (U+000A)" order add --customer K1 --amount 1 --product $'a\nb'
refuse 65 "--name: holds a control character" customer add --name $'a\tb'
printf 'ref,name\nK5,"a\nb"\n' > nl.csv
refuse 65 "nl.csv:2: name: holds a control character" customer import nl.csv
printf 'customer,date,amount,product\nK1,2026-11-02,1,"x\ny"\n' > nlo.csv
refuse 65 "nlo.csv:2: product: holds a control character (U+000A)" order import nlo.csv
# ... and the same value typed into a file is refused by check and every reader.
sed -i "s/^name: .*/name: \"a\\\\nb\"/" "s/customers/$k1.yaml"
run -C s check
expect_rc 1
expect_out_has "customers/$k1.yaml:4: name: holds a control character (U+000A)"
git -C s checkout -q -- .
sed -i -e 's/^updated: .*/updated: 2026-11-23T10:00:00/' -e 's/^name: .*/name: "a\\0b"/' "s/customers/$k1.yaml"
run -C s check
expect_rc 1
expect_out_has 'updated: "2026-11-23T10:00:00" is not an RFC 3339 time with its offset'
expect_out_has "name: holds a control character (U+0000)"
git -C s checkout -q -- .
printf -- '- {id: O-9, customer: %s, date: 2026-11-03, amount: 1, product: "a\\x01b"}\n' "$k1" >> s/orders/2026/11.yaml
run -C s check
expect_rc 1
expect_out_has "orders/2026/11.yaml:2: product: holds a control character (U+0001)"
git -C s checkout -q -- .

# Refs: a safe set of characters at every door.
refuse 65 '--ref: "../x" does not match' customer add --name x --ref ../x
refuse 65 '--ref: "a/b" does not match' lead add --name x --ref a/b
printf 'ref,name\n.hidden,x\n' > dotref.csv
refuse 65 'dotref.csv:2: ref: ".hidden" does not match' customer import dotref.csv

# Held once: a ref, a customer's phone and email, at add, set and import.
refuse 65 "--ref: \"K1\" is already customer $k1's" customer add --name 李四 --ref K1
refuse 65 "--phone: this value is already customer $k1's" customer add --name 李四 --phone 138-0013-8000
refuse 65 "--email: this value is already customer $k1's" customer add --name 李四 --email ZS@example.com
k2=$("$CRM" -C s customer add --name 王五 --ref K2)
commit_store s
refuse 65 "--ref: \"K1\" is already customer $k1's" customer set K2 --ref K1
printf 'ref,name,phone\nK3,赵六,13800138000\n' > twin.csv
refuse 65 "twin.csv:2: phone: this value is already customer $k1's" customer import twin.csv
printf 'ref,name,phone\nK3,赵六,13900139000\nK4,钱七,13900139000\n' > twin2.csv
refuse 65 "twin2.csv:3: phone: this value is already line 2's" customer import twin2.csv

# An import re-run without refs adds nothing the second time (the row's content is its key).
printf 'name,region\n孙八,北京\n周九,上海\n' > noref.csv
run -C s customer import noref.csv -q
expect_rc 0
first=$(ls s/customers | wc -l)
run -C s customer import noref.csv
expect_rc 0
expect_err_has "created 0, updated 0, unchanged 2"
expect "a re-run without refs creates no customer" test "$(ls s/customers | wc -l)" = "$first"
git -C s checkout -q -- . && git -C s clean -qfd

# Lead import: a ref twice in one file names both lines; a ref already imported
# is "present" when the row agrees and refused when it differs.
printf 'ref,name\nL1,甲\nL1,乙\n' > dupref.csv
refuse 65 'dupref.csv:3: ref: "L1" appears twice (also line 2)' lead import dupref.csv
printf 'ref,name\nL1,甲\n' > one.csv
"$CRM" -C s lead import one.csv -q >/dev/null
commit_store s
run -C s lead import one.csv
expect_rc 0
expect_err_has "1 already present"
printf 'ref,name\nL1,乙\n' > changed.csv
refuse 65 'changed.csv:2: ref: "L1" is lead' lead import changed.csv

# A birthday is not after the record's creation (no birthdays in the future), at every door.
refuse 65 "birthday: 2099-01-01 is after created 2026-11-23" customer add --name 未来 --birthday 2099-01-01
printf 'ref,name,birthday\nK6,未来,2099-01-01\n' > bday.csv
refuse 65 "birthday: 2099-01-01 is after created 2026-11-23" customer import bday.csv
# An empty flag value is a slip, never "clear" or 0; surrounding spaces are trimmed
# at every door, and a file that still has them is reported by check.
refuse 64 "--budget: is empty; leave the flag out" lead add --name x --budget ""
refuse 64 "--region: is empty" customer set K1 --region ""
run -C s customer set K1 --region "  北京  " --tag '[a]'
expect_rc 0
expect "input is trimmed" grep -qx "region: 北京" "s/customers/$k1.yaml"
expect "a tag [a] is kept as written, quoted" grep -qx 'tags: \["\[a\]"\]' "s/customers/$k1.yaml"
run -C s customer show K1 --fields tags --format csv --no-header
expect_out "[a]"
sed -i 's/^region: .*/region: " 北京"/' "s/customers/$k1.yaml"
run -C s check
expect_rc 1
expect_out_has 'region: " 北京" has a leading or trailing space'
git -C s checkout -q -- .

# Money: one amount is at most a trillion; sums are checked.
refuse 65 '--amount: "92233720368547758.07" is more than 1000000000000.00' order add --customer K1 --amount 92233720368547758.07
printf -- '- {id: O-8, customer: %s, date: 2026-11-05, amount: "92233720368547758.07"}\n' "$k1" >> s/orders/2026/11.yaml
run -C s check
expect_rc 1
expect_out_has 'orders/2026/11.yaml:2: amount: "92233720368547758.07" is more than 1000000000000.00'
git -C s checkout -q -- .

# Empty values of global options are mistakes, not defaults.
refuse 64 "--fields: must not be empty" --fields "" customer list
refuse 64 "--as-of: must not be empty" --as-of "" customer list
refuse 64 "--actor: must not be empty" --actor "" customer add --name x

# YAML every reader reads as crm does: quoted where another reader would see a
# number, escaped where it would see a line break.
"$CRM" -C s customer set K1 --region 0x1F --industry $'北京\u2028分公司' >/dev/null
expect "0x1F is quoted" grep -q '^region: "0x1F"$' "s/customers/$k1.yaml"
expect "U+2028 is escaped" grep -q 'industry: "北京\\u2028分公司"' "s/customers/$k1.yaml"
if python3 -c 'import yaml' 2>/dev/null; then
    python3 - "s/customers/$k1.yaml" <<'EOF' && ok || bad "PyYAML reads the record differently"
import sys, yaml
r = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
assert r['region'] == '0x1F', r['region']
assert r['industry'] == '北京\u2028分公司', r['industry']
EOF
fi
run -C s customer show K1 --fields region,industry --format csv --no-header
expect_out $'0x1F,北京\u2028分公司'
git -C s checkout -q -- .

# Values a spreadsheet would run as formulas: imports and check report them
# (as warnings: they are valid text), numbers and phone numbers are not.
printf 'ref,name,phone\nK8,"=HYPERLINK(""http://x"")",+86 139 0013 9000\n' > formula.csv
run -C s customer import formula.csv
expect_rc 0
expect_err_has 'formula.csv:2: name: "=HYPERLINK(\"http://x\")" starts like a spreadsheet formula'
printf 'customer,date,amount,product\nK1,2026-11-04,-5,@SUM(A1)\n' > formula_o.csv
run -C s order import formula_o.csv
expect_rc 0
expect_err_has 'formula_o.csv:2: product: "@SUM(A1)" starts like a spreadsheet formula'
run -C s check
expect_rc 0
expect_err_has ': name: "=HYPERLINK(\"http://x\")" starts like a spreadsheet formula'
expect_err_has 'orders/2026/11.yaml:2: product: "@SUM(A1)" starts like a spreadsheet formula'
if [[ "$err" == *"phone"* || "$err" == *"amount"* ]]; then bad "check warned of a phone or an amount: $err"; else ok; fi
git -C s checkout -q -- . && git -C s clean -qfd

# crm.yaml: ranges and the rules between keys, exit 78 naming key and line.
config_case() {  # config_case FRAGMENT YAML-LINES
    local fragment=$1
    printf 'version: 1\n%b' "$2" > s/crm.yaml
    run -C s customer list
    if [ "$rc" = 78 ] && [[ "$err" == *"$fragment"* ]]; then ok; else bad "crm.yaml: expected 78 and \"$fragment\""; fi
    git -C s checkout -q -- crm.yaml
}
config_case "is not a duration of at most 6 digits" 'tickets:\n  sla:\n    high: {first_response: 99999999999999999999h}\n'
config_case "leads.grades: A (40) must be above B (50)" 'leads:\n  grades: {A: 40, B: 50}\n'
config_case "sleeping_days (200) must be fewer than lost_days (180)" 'rfm:\n  lifecycle: {sleeping_days: 200}\n'
config_case "every weekday is closed" 'calendar:\n  hours: {mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: []}\n'
config_case '"refund" is not a ticket type' 'tickets:\n  routing: {refund: service}\n'
config_case 'level 1 is given twice' 'tickets:\n  escalation:\n    levels:\n      - {level: 1, group: a}\n      - {level: 1, group: b}\n'
config_case '"XX" is not a country whose calling code crm knows' 'default_country: XX\n'
config_case 'automations.x: to: "asleep" is not a lifecycle' 'automations:\n  - {name: x, trigger: lifecycle, to: asleep, template: hi}\n'
config_case 'automations.x: the name is given twice' 'automations:\n  - {name: x, trigger: birthday, template: hi}\n  - {name: x, trigger: birthday, template: ho}\n'
config_case 'automations.y: days: no_repurchase needs' 'automations:\n  - {name: y, trigger: no_repurchase, template: hi}\n'
config_case '"{coupn}" is not a field' 'automations:\n  - {name: z, trigger: birthday, template: "hi {coupn}"}\n'
config_case '"payday" is not one of' 'automations:\n  - {name: z, trigger: payday, template: hi}\n'
config_case 'duplicate key "timezone"' 'timezone: "+08:00"\ntimezone: "+08:00"\n'
finish
