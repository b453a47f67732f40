# YAML crm writes reads the same in PyYAML (YAML 1.1): every text field of
# every kind, over a table of YAML's traps (tests/cli/yaml_traps.py).
source "$TESTS/cli/testlib.bash"
git_store s
if /usr/bin/python3 "$TESTS/cli/yaml_traps.py" "$CRM" "$T/s"; then ok; else bad "PyYAML reads some value differently"; fi
finish
