# crm rfm recompute and crm report rfm on a small store built through the CLI.
source "$TESTS/cli/testlib.bash"
git_store s
add() { CRM_NOW=$1 "$CRM" -C s customer add --name "$2" --ref "$3"; }
a=$(add 2026-01-01T00:00:01+08:00 甲 A)
b=$(add 2026-01-01T00:00:02+08:00 乙 B)
c=$(add 2026-01-01T00:00:03+08:00 丙 C)
d=$(add 2026-01-01T00:00:04+08:00 丁 D)
cat > orders.csv <<'CSV'
customer,date,amount
A,2026-06-29,30000.00
A,2026-05-01,100.00
A,2026-04-01,100.00
B,2026-03-31,50.00
C,2025-06-30,10.00
C,2026-07-01,999.00
CSV
"$CRM" -C s order import orders.csv -q >/dev/null
commit_store s

# As of 2026-06-30 three customers have orders (n = 3). A: r=1, f=3, the most M, so
# each score is 1 + floor(5*2/3) = 4 (loyal), diamond by amount, high value (top 20%, 3 orders);
# B's one order is 91 days old (sleeping); C's only order in range is exactly
# 365 days old (out of the window; lost); C's order of 07-01 is after the as-of date;
# D has no orders (prospect).
run -C s rfm recompute --as-of 2026-06-30 --format csv
expect_rc 0
expect_out "customer,field,from,to
$a,lifecycle,,active
$a,segment,,loyal
$a,tier,,diamond
$a,high_value,false,true
$b,lifecycle,,sleeping
$b,segment,,hibernating
$b,tier,,normal
$c,lifecycle,,lost
$c,segment,,hibernating
$c,tier,,normal
$d,lifecycle,,prospect"
expect_err "changed 4 of 4 customers (11 transitions) as of 2026-06-30"
expect "stored under rfm:" diff - "s/customers/$a.yaml" <<YAML
id: $a
ref: A
kind: person
name: 甲
created: 2026-01-01T00:00:01+08:00
updated: 2026-01-01T00:00:01+08:00
rfm:
  segment: loyal
  lifecycle: active
  tier: diamond
  high_value: true
YAML
expect "transitions log" test "$(head -2 s/transitions/2026/06.csv)" = "date,customer,field,from,to
2026-06-30,$a,lifecycle,,active"
expect "audit names the rfm fields" grep -q "	rfm recompute	$a	rfm.lifecycle,rfm.segment,rfm.tier,rfm.high_value$" s/audit/2026/06.log
commit_store s

# The same night again writes nothing at all.
run -C s rfm recompute --as-of 2026-06-30 -q
expect_rc 0
expect_out "changed 0 of 4 customers (0 transitions) as of 2026-06-30"
expect_clean s
# --dry-run shows the next night's changes and writes nothing.
run -C s rfm recompute --as-of 2026-07-01 --dry-run --format csv --no-header
expect_rc 0
# C's order of 07-01 counts now: first order 366 days ago, two orders: active; R4 F1: promising.
expect_out "$a,segment,loyal,at_risk
$c,lifecycle,lost,active
$c,segment,hibernating,promising"
expect_clean s

# Live R/F/M in customer list, as of a date.
run -C s customer list --as-of 2026-06-30 --format csv --fields ref,r,f,m,rfm_r,rfm_f,rfm_m,segment,tier,high_value
expect_out "ref,r,f,m,rfm_r,rfm_f,rfm_m,segment,tier,high_value
A,1,3,30200.00,4,4,4,loyal,diamond,true
B,91,1,50.00,2,2,2,hibernating,normal,false
C,365,0,0.00,1,1,1,hibernating,normal,false
D,,0,0.00,,,,,,false"

run -C s report rfm --as-of 2026-06-30 --by lifecycle --format csv
expect_rc 0
expect_out "group,customers,share,monetary,avg_r,avg_f,avg_m
active,1,0.250,30200.00,1.0,3.00,30200.00
lost,1,0.250,0.00,365.0,0.00,0.00
prospect,1,0.250,0.00,,,
sleeping,1,0.250,50.00,91.0,1.00,50.00"
run -C s report rfm --as-of 2026-06-30 --format csv --no-header
expect_out "all,4,1.000,30250.00,152.3,1.33,10083.33"
run -C s report rfm --by colour
expect_rc 64
finish
