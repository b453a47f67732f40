#!/usr/bin/python3
"""Property: no write crm accepts can make a later read or `crm check` fail.

Random add/set/import calls with random values (each schema's boundary values
of every length limit, pattern, enum and range, CJK text cut at the limit,
YAML-special text, control characters) go through the real crm on a real
store; every so often, and at the end, `crm check` must exit 0 and every list
command must exit 0. Values come from schemas/*.schema.yaml, so a field added
there is exercised here without a change.

usage: property_writes.py CRM SCHEMAS_DIR WORK_DIR [WRITES] [SEED]
"""
import csv
import os
import random
import subprocess
import sys

import yaml

crm, schemas, work = sys.argv[1], sys.argv[2], sys.argv[3]
target = int(sys.argv[4]) if len(sys.argv) > 4 else 10000
rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
store = os.path.join(work, "s")
unique = iter(range(10**6))
env = dict(os.environ, CRM_NOW="2026-11-23T10:00:00+08:00", CRM_ACTOR="tester")


def sh(*args, stdin=None):
    p = subprocess.run([crm, "-C", store, *args], capture_output=True, text=True, env=env, input=stdin)
    # An empty "--flag=" is a usage error for options that take text: fine, and no write.
    if p.returncode == 64 and any(a.endswith("=") for a in args):
        return 65, p.stdout, p.stderr
    return p.returncode, p.stdout, p.stderr


def schema(kind):
    with open(os.path.join(schemas, kind + ".schema.yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)["properties"]


def text_of_bytes(n):
    """A string of exactly n bytes mixing CJK (3 bytes) and ASCII."""
    s = ""
    while len(s.encode()) + 3 <= n and rng.random() < 0.7:
        s += rng.choice("北京上海茶业张三李四华夏")
    return s + "x" * (n - len(s.encode()))


def valid_for(name, rule):
    """A value the field's rule accepts, often at its limits."""
    if name == "phone":
        return "+86 138%08d" % next(unique)
    if name == "email":
        return "U%d@Example.COM" % next(unique)
    if name == "credit_code":
        return "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(18))
    if name == "owner":
        return rng.choice(["tester", "li"])
    if name == "ref":
        return "R%d" % next(unique)
    if "enum" in rule:
        return rng.choice(rule["enum"])
    if rule.get("type") == "integer":
        return str(rng.choice([rule.get("minimum", 0), rule.get("maximum", 100), rng.randint(0, 25)]))
    if rule.get("format") == "date":
        return "%04d-%02d-%02d" % (rng.randint(1950, 2030), rng.randint(1, 12), rng.randint(1, 28))
    n = rule.get("maxLength", 100)
    return text_of_bytes(rng.choice([n, rng.randint(1, n)]))


def value_for(name, rule):
    """A random value for a field: valid (often at a limit), boundary or broken."""
    if rng.random() < 0.75:
        return valid_for(name, rule)
    choices = ["", "  padded  ", "null", "true", "~", "007", "-1", "a: b", "#x", "\"quoted\"", "'single'",
               "tab\there", "line\nbreak", "a,b", "[x]", "{y}", "- item", "中文 名字", "é"]
    if "maxLength" in rule:
        n = rule["maxLength"]
        choices += [text_of_bytes(n), text_of_bytes(n + 1), text_of_bytes(max(n - 1, 1)), "x" * (n + 2)]
    if "minLength" in rule:
        choices.append(text_of_bytes(rule["minLength"]))
    if "enum" in rule:
        choices += list(rule["enum"]) * 3 + [rule["enum"][0].upper(), rule["enum"][0] + "x"]
    if rule.get("type") == "integer":
        lo, hi = rule.get("minimum", 0), rule.get("maximum", 100)
        choices += [str(v) for v in (lo, hi, lo - 1, hi + 1, (lo + hi) // 2)] + ["1.5", "x", "1e2"]
    if rule.get("format") == "date":
        choices += ["2024-02-29", "2026-02-29", "1990-12-31", "2026-13-01", "20260101"]
    if name == "phone":
        choices += ["+86 138%08d" % next(unique), "139%08d" % next(unique), "abc", "+1", "1" * 20]
    if name == "email":
        choices += ["U%d@Example.COM" % next(unique), "a@b", "x@y.cn" + "o" * 300, "@@"]
    if name == "credit_code":
        alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZ"
        choices += ["".join(rng.choice(alphabet) for _ in range(18)) for _ in range(4)]
        choices += ["91110000IOOOOOOOOO", "91110000" + "a" * 10, "9" * 17]
    if name == "owner":
        choices += ["tester", "li", "ghost"]
    if name == "ref":
        choices = [c + "-%d" % next(unique) for c in choices if c.strip()]
    if name == "tags":
        return rng.choice(choices + ["vip, 北京", "a,,b", text_of_bytes(100) + ",x", text_of_bytes(101)])
    if name in ("phone", "email", "ref"):  # contacts stay unique: check reports likely duplicates
        choices = [c for c in choices if c.strip() and c not in ("-1", "007")]
    return rng.choice(choices)


def flags(kind, fields):
    out = []
    for name in rng.sample(fields, rng.randint(1, min(4, len(fields)))):
        if name == "tags":
            out.append("--tag=" + value_for(name, kinds[kind]["tags"]["items"]))
        else:
            out.append("--%s=%s" % (name.replace("_", "-"), value_for(name, kinds[kind][name])))
    return out


kinds = {k: schema(k) for k in ("customer", "lead", "ticket", "order")}
inputs = {k: [n for n, rule in kinds[k].items() if rule.get("x-input")] for k in kinds}
ids = {"customer": [], "lead": [], "ticket": []}
writes = 0
accepted = 0


def record(kind, rc, out, err=""):
    global writes, accepted
    writes += 1
    if rc == 0:
        accepted += 1
        ids[kind] += [line for line in out.split() if line[:2] in ("C-", "L-")]
    elif rc not in (65, 66):
        sys.exit("unexpected exit %d: %s" % (rc, err))


def add(kind):
    name = ["--name=" + value_for("name", kinds[kind]["name"])]
    rc, out, err = sh(kind, "add", *name, *flags(kind, [f for f in inputs[kind] if f != "name"]),
                    *(["--allow-duplicate"] if kind == "lead" else []))
    record(kind, rc, out, err)


def set_(kind):
    if not ids[kind]:
        return
    rc, out, err = sh(kind, "set", rng.choice(ids[kind]), *flags(kind, inputs[kind]))
    record(kind, rc, out, err)


def import_(kind, rows):
    path = os.path.join(work, "import.csv")
    cols = inputs[kind]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for _ in range(rows):
            w.writerow([value_for(c, kinds[kind][c]) if (c == "name" or rng.random() < 0.4) else "" for c in cols])
    rc, out, _ = sh(kind, "import", path, "--skip-bad")
    global writes, accepted
    if rc not in (0, 65):
        sys.exit("import: unexpected exit %d" % rc)
    writes += rows
    accepted += len(out.split())
    ids[kind] += [line for line in out.split() if line[:2] in ("C-", "L-")][:50]


def ticket():
    if not ids["customer"]:
        return
    t = kinds["ticket"]
    args = ["--customer=" + rng.choice(ids["customer"]), "--subject=" + value_for("subject", t["subject"])]
    for name in ("type", "priority", "description"):
        if rng.random() < 0.5:
            args.append("--%s=%s" % (name, value_for(name, t[name])))
    rc, _, err = sh("ticket", "open", *args)
    record("ticket", rc, "", err)


def order():
    if not ids["customer"]:
        return
    o = kinds["order"]
    amount = rng.choice(["12.50", "0", "0.01", "99999999.99", "1e3", "12,5", "-3", "1.005", str(rng.randint(1, 9999))])
    args = ["--customer=" + rng.choice(ids["customer"]), "--amount=" + amount]
    for name in ("product", "channel", "ref", "quantity", "date"):
        if rng.random() < 0.5:
            args.append("--%s=%s" % (name, value_for(name, o[name])))
    rc, _, err = sh("order", "add", *args)
    record("ticket", rc, "", err)


def verify(step):
    rc, out, err = sh("check")
    if rc != 0:
        sys.exit("after %d writes (%s): crm check exit %d\n%s%s" % (writes, step, rc, out, err))
    for kind in ("customer", "lead", "ticket", "order"):
        rc, out, err = sh(kind, "list", "--format", "csv")
        if rc != 0:
            sys.exit("after %d writes: crm %s list exit %d\n%s" % (writes, kind, rc, err))


config = """version: 1
people:
  - {name: tester, role: admin}
  - {name: li, role: sales}
"""
subprocess.run([crm, "init", store], check=True, capture_output=True, env=env)
with open(os.path.join(store, "crm.yaml"), "w", encoding="utf-8") as f:
    f.write(config)
steps = 0
while writes < target:
    step = rng.choice(["add customer", "set customer", "add lead", "set lead", "ticket", "order", "import"])
    if step == "import":
        import_(rng.choice(["customer", "lead"]), rng.randint(20, 150))
    elif step == "ticket":
        ticket()
    elif step == "order":
        order()
    else:
        verb, kind = step.split()
        (add if verb == "add" else set_)(kind)
    steps += 1
    if steps % 40 == 0:
        verify(step)
verify("end")
print("%d writes (%d accepted) in %d steps: check and every list exit 0" % (writes, accepted, steps))
print("1 passed, 0 failed")
