"""YAML that every reader reads as crm does (PyYAML, YAML 1.1 rules).

For each value of a table of YAML's traps, writes it through crm into every
text field of every kind (customer, lead, ticket, order), then loads each file
crm wrote with PyYAML and compares every field with what crm itself shows.
A value crm refuses (exit 65) is fine; one it writes must read back the same.
Usage: yaml_traps.py CRM STORE  (STORE: a fresh store; prints failures, exits 1).
"""
import csv
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


def import_rows(noun, header, rows):
    path = os.path.join(STORE, "..", f"traps-{noun}.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    r = crm(noun, "import", path, "--skip-bad", "-q")
    if r.returncode != 0:
        failures.append(f"{noun} import: exit {r.returncode}: {r.stderr.strip()[:300]}")


# One import per kind carries every trap (the writer is the same for every door).
base = made(crm("customer", "add", "--name", "base", "--ref", "BASE"), "base customer")
import_rows("customer", ["name", "region", "industry", "wechat", "tags"], [[t] * 5 for t in TRAPS])
import_rows("lead", ["name", "company", "region", "industry"], [[t] * 4 for t in TRAPS])
import_rows("ticket", ["customer", "subject", "description", "created"],
            [["BASE", t, t, "2026-11-01T10:00:00+08:00"] for t in TRAPS])
import_rows("order", ["customer", "date", "amount", "product", "id"],
            [["BASE", "2026-11-01", "1", t, f"O-{i}"] for i, t in enumerate(TRAPS)])

columns = {"customer": "id,name,region,industry,wechat,tags", "lead": "id,name,company,region,industry",
           "ticket": "id,subject,description"}
for noun, folder in (("customer", "customers"), ("lead", "leads"), ("ticket", "tickets")):
    listed = crm(noun, "list", "--fields", columns[noun], "--format", "json")
    if listed.returncode != 0:
        failures.append(f"crm {noun} list: {listed.stderr.strip()}")
        continue
    rows = {r["id"]: r for r in json.loads(listed.stdout)}
    for path in sorted(glob.glob(os.path.join(STORE, folder, "*.yaml"))):
        try:
            with open(path, encoding="utf-8") as f:
                theirs = yaml.safe_load(f)
        except yaml.YAMLError as e:
            failures.append(f"{path}: PyYAML cannot read it: {str(e).splitlines()[0]}")
            continue
        ours = rows.get(str(theirs.get("id")), {})
        for key, value in theirs.items():
            if isinstance(value, (str, list)) and key in ours:
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
