# The .deb from CPack holds the binary, man pages and completions, and the binary
# runs from where dpkg-deb extracts it.
source "$TESTS/cli/testlib.bash"
command -v cpack >/dev/null && command -v dpkg-deb >/dev/null || { echo "skipped: cpack or dpkg-deb missing"; exit 77; }
(cd "$BUILD" && cpack -G DEB -B "$T/pkg" >/dev/null) || { bad "cpack failed"; finish; exit 1; }
deb=$(ls "$T"/pkg/*.deb | head -1)
expect "a .deb was built" test -f "$deb"
expect "package metadata" bash -c "dpkg-deb -f '$deb' Package Depends | grep -q 'libyaml-cpp'"
dpkg-deb -x "$deb" root
expect "binary" test -x root/usr/bin/crm
expect "man pages" test -f root/usr/share/man/man1/crm.1 -a -f root/usr/share/man/man5/crm-store.5
expect "bash completion" test -f root/usr/share/bash-completion/completions/crm
expect "zsh completion" test -f root/usr/share/zsh/vendor-completions/_crm
CRM=$T/root/usr/bin/crm
run --version
expect_rc 0
expect_out_has "crm "
run init s
expect_rc 0
run -C s customer add --name 包装测试
expect_rc 0
finish
