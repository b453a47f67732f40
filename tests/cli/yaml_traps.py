"""YAML that every reader reads as crm does (PyYAML, YAML 1.1 rules).

For each value of a table of YAML's traps, writes it through crm into every
text field of every kind (customer, lead, ticket, order), then loads each file
crm wrote with PyYAML and compares every field with what crm itself shows.
A value crm refuses (exit 65) is fine; one it writes must read back the same.
Usage: yaml_traps.py CRM STORE  (STORE: a fresh store; prints failures, exits 1).
"""
import glob
import json
import os
import subprocess
import sys

import yaml

TRAPS = [
    "0x1F", "0X1f", "0o17", "017", "0b101", "1e3", "1E3", "-.5", "+1", "1_000", "12:30", "12:30:45", ".inf", "-.Inf",
    ".NaN", "NaN", "yes", "No", "on", "OFF", "y", "n", "~", "null", "Null", "true", "2026-01-01", "2026-01-01T10:00:00",
    "#", "a #b", "a#b", "a: b", "a:b", "- a", "-a", "[a]", "{a}", "a, b", "? a", "@x", "`x", "%x", "!x", "&x", "*x",
    "|x", ">x", "'q'", '"dq"', "a\\", "a\\nb", "\u2028", "x\u2028y", "x\u0085y", "x\u2029y", "\ufeffbom", "x\u0080y",
    "中文: 值", "张三 # 注释", "=1+1", "<<",
]

CRM, STORE = sys.argv[1], sys.argv[2]
failures = []
compared = 0


def crm(*args):
    env = dict(os.environ, CRM_ACTOR="tester")
    return subprocess.run([CRM, "-C", STORE, *args], capture_output=True, text=True, env=env)


def made(result, what):
    if result.returncode == 0:
        return result.stdout.strip().splitlines()[-1]
    if result.returncode != 65:
        failures.append(f"{what}: exit {result.returncode}: {result.stderr.strip()}")
    return None


def same(file, key, ours, theirs):
    global compared
    if theirs is None or ours is None:
        return
    compared += 1
    if isinstance(theirs, list):  # tags: every item must be text too
        if not all(isinstance(x, str) for x in theirs):
            failures.append(f"{file}: {key}: PyYAML reads items {theirs!r}, not text")
            return
        theirs = ",".join(theirs)
    if str(theirs) != ours or not isinstance(theirs, str):
        failures.append(f"{file}: {key}: crm reads {ours!r}, PyYAML reads {theirs!r}")


base = made(crm("customer", "add", "--name", "base"), "base customer")
for i, trap in enumerate(TRAPS):
    c = made(crm("customer", "add", "--name", trap, "--region", trap, "--industry", trap, "--wechat", trap,
                 "--tag", trap), f"customer {trap!r}")
    made(crm("lead", "add", "--name", trap, "--company", trap, "--region", trap, "--industry", trap,
             "--allow-duplicate"), f"lead {trap!r}")
    made(crm("ticket", "open", "--customer", base, "--subject", trap, "--description", trap), f"ticket {trap!r}")
    made(crm("order", "add", "--customer", base, "--amount", "1", "--date", "2026-11-01", "--product", trap,
             "--id", f"O-{i}"), f"order {trap!r}")

for noun, folder in (("customer", "customers"), ("lead", "leads"), ("ticket", "tickets")):
    for path in sorted(glob.glob(os.path.join(STORE, folder, "*.yaml"))):
        try:
            with open(path, encoding="utf-8") as f:
                theirs = yaml.safe_load(f)
        except yaml.YAMLError as e:
            failures.append(f"{path}: PyYAML cannot read it: {str(e).splitlines()[0]}")
            continue
        shown = crm(noun, "show", theirs["id"], "--format", "json")
        if shown.returncode != 0:
            failures.append(f"{path}: crm {noun} show: {shown.stderr.strip()}")
            continue
        ours = json.loads(shown.stdout)
        ours = ours[0] if isinstance(ours, list) else ours
        for key, value in theirs.items():
            if isinstance(value, (str, list)) and key in ours and key not in ("created", "updated"):
                same(path, key, ours[key], value)

orders = json.loads(crm("order", "list", "--format", "json").stdout)
by_id = {o["id"]: o for o in orders}
for path in glob.glob(os.path.join(STORE, "orders", "*", "*.yaml")):
    try:
        with open(path, encoding="utf-8") as f:
            shard = yaml.safe_load(f) or []
    except yaml.YAMLError as e:
        failures.append(f"{path}: PyYAML cannot read it: {str(e).splitlines()[0]}")
        shard = []
    for o in shard:
        if o["id"] in by_id:
            same(path, "product", by_id[o["id"]].get("product"), o.get("product"))

if compared < 10 * len(TRAPS):
    failures.append(f"only {compared} values compared: the traps did not reach the files")
for f in failures:
    print("FAIL:", f)
print(f"{len(TRAPS)} traps, {compared} values compared, {len(failures)} failures")
sys.exit(1 if failures else 0)
