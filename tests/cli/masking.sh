# Masking in every output: every command a sales person without the pii right
# may run, dry runs and error messages included, is searched for the unmasked
# phone, email and WeChat ID of a customer and a lead that person owns.
source "$TESTS/cli/testlib.bash"
git_store s
add_people s '{name: alice, role: sales, groups: [sales]}'
export CRM_ACTOR=admin
phone=13800138000 email=jia@example.com wechat=jia_wx lphone=13700137000 lemail=yi@example.com
c=$("$CRM" -C s customer add --name 甲 --ref K1 --phone $phone --email $email --wechat $wechat --owner alice)
l=$("$CRM" -C s lead add --name 乙 --phone $lphone --email $lemail --owner alice)
t=$("$CRM" -C s ticket open --customer K1 --subject 漏水)
"$CRM" -C s order add --customer K1 --amount 10 --date 2026-11-01 >/dev/null
"$CRM" -C s automation run --as-of 2026-11-02 -q  # a welcome, to K1's WeChat: the outbox names the address
export CRM_NOW=2026-11-23T10:01:00+08:00
commit_store s

export CRM_ACTOR=alice
commands=(
    "customer list" "customer list --format json" "customer list --format csv" "customer list --format yaml"
    "customer list --fields id,phone,email,wechat" "customer show $c" "customer show $c --format json"
    "customer show K1 --format tsv" "customer export $c"
    "customer set $c --region 上海 --dry-run" "customer set $c --phone 13900139000 --dry-run"
    "customer set $c --email new@example.com --dry-run" "customer set $c --wechat new_wx --dry-run"
    "customer add --name 丁 --phone $phone" "customer add --name 丁 --email $email"
    "lead list" "lead list --format json" "lead show $l" "lead show $l --format yaml"
    "lead set $l --region 上海 --dry-run" "lead set $l --phone 13600136000 --dry-run"
    "lead add --name 丙 --phone $lphone" "lead add --name 丙 --phone $phone"
    "lead log $l --channel phone --note 打过 --dry-run" "lead status $l contacted --dry-run"
    "ticket list" "ticket show $t" "ticket show $t --format json" "ticket reply $t --note 好 --dry-run"
    "order list" "order list --format json" "report rfm" "report funnel" "report leads" "followup due"
    "audit list" "audit list --format json"
    "interaction list" "interaction list --format json" "customer timeline $c" "customer timeline K1 --format json"
    "interaction log --customer K1 --channel sms --direction out --note 回访 --dry-run" "outbox list"
    "outbox list --format json" "outbox list --fields to,text" "automation run --dry-run"
)
for cmd in "${commands[@]}"; do
    # shellcheck disable=SC2086
    run -C s $cmd
    leaked=""
    for secret in $phone $email $wechat $lphone $lemail +86$phone +86$lphone; do
        [[ "$out$err" == *"$secret"* ]] && leaked+=" $secret"
    done
    if [ -z "$leaked" ]; then ok; else bad "crm $cmd shows$leaked to alice, who has no pii right"; fi
done
expect "the case list covers many outputs" test "${#commands[@]}" -ge 35
expect_clean s
finish
