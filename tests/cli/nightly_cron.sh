# examples/cron/nightly.sh: commits a night's changes with a summary, and makes
# no commit on a night without changes.
source "$TESTS/cli/testlib.bash"
git_store s
mkdir bin && ln -s "$CRM" bin/crm
export PATH="$T/bin:$PATH" CRM_STORE="$T/s"
"$CRM" -C s customer import "$SRC/examples/customers.csv" -q >/dev/null
"$CRM" -C s order import "$SRC/examples/orders.csv" --create-missing -q >/dev/null
commit_store s
before=$(git -C s rev-list --count HEAD)
GIT_AUTHOR_DATE=2026-11-23T02:30:00 bash "$SRC/examples/cron/nightly.sh" > night1.log 2>&1
expect "first night commits" test "$(git -C s rev-list --count HEAD)" = $((before + 1))
expect "commit message sums up" bash -c "git -C s log -1 --format=%s | grep -q 'nightly rfm .*: 21 transitions:'"
expect "the night's messages are committed with it" bash -c "git -C s log -1 --format=%b | grep -q 'automation: wrote'"
expect "and the value job's note" bash -c "git -C s log -1 --format=%b | grep -q \"value: .*customers' risk band\""
expect_clean s
bash "$SRC/examples/cron/nightly.sh" > night2.log 2>&1
expect "quiet night makes no commit" test "$(git -C s rev-list --count HEAD)" = $((before + 1))
expect "quiet night says so" grep -q "nightly: no changes" night2.log
finish
