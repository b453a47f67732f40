#!/usr/bin/python3
"""Replay: as-of is a view of the past (SPEC 7.1).

Drives a real store through a scripted month (random but seeded): customers,
each morning's orders, leads with contacts and pipeline moves, tickets with
replies, notes, pauses, assignments, escalations (by hand and by the hourly
cron), solves, closes and ratings, and the nightly rfm recompute. Every few
events, and after each night, it saves the output of every reading command at
that moment. Then, on the final store, it runs each of them again with
--as-of that moment and requires byte-identical output.

Orders carry a date, not a time, so each day's orders are entered first thing
in the morning: a view at 10:00 would otherwise differ from its replay by an
order entered at 15:00 with the same date.

usage: replay.py CRM WORK_DIR [SEED] [DAYS]   (28 days: the month)
"""
import datetime as dt
import os
import random
import subprocess
import sys

crm, work = sys.argv[1], sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 13)
days = int(sys.argv[4]) if len(sys.argv) > 4 else 28
store = os.path.join(work, "s")
zone = dt.timezone(dt.timedelta(hours=8))
env = dict(os.environ, CRM_ACTOR="admin")
env.pop("CRM_NOW", None)

VIEWS = [
    ["lead", "list", "--fields", "id,name,score,grade,status,owner,first_contact,followup_due,next_followup,overdue,lost_reason"],
    ["lead", "list", "--overdue", "--fields", "id"],
    ["followup", "due"],
    ["ticket", "list", "--fields", "id,priority,status,group,assignee,level,first_response,solved,closed,fr_due,"
     "fr_state,res_due,res_state,fr_min,res_min,csat"],
    ["ticket", "escalate", "--auto", "--dry-run"],
    ["report", "sla"],
    ["report", "sla", "--detail"],
    ["report", "sla", "--by", "group"],
    ["report", "sla", "--leads", "--by", "owner"],
    ["report", "funnel"],
    ["report", "leads", "--by", "grade"],
    ["report", "complaints", "--month", "2026-11"],
    ["report", "retention"],
    ["report", "rfm", "--by", "segment"],
    ["order", "list"],
    ["customer", "list", "--fields", "id,name,r,f,m,rfm_r,rfm_f,rfm_m,segment,lifecycle,tier"],
    ["customer", "list", "--fields", "id,name,tier,lifecycle"],
]

events = {}  # kind -> count


def stamp(t):
    return t.isoformat()


def crm_run(args, now=None, as_of=None, check=True):
    e = dict(env)
    if now:
        e["CRM_NOW"] = stamp(now)
    cmd = [crm, "-C", store] + (["--as-of", stamp(as_of)] if as_of else []) + ["--format", "csv"] + args
    p = subprocess.run(cmd, capture_output=True, text=True, env=e)
    if check and p.returncode != 0:
        sys.exit("at %s: %s: exit %d\n%s" % (now or as_of, " ".join(args), p.returncode, p.stderr))
    return p


def act(kind, now, *args, may_refuse=False):
    """Runs a write; may_refuse: a refusal (exit 65, e.g. no level above) is an answer, not a failure."""
    p = crm_run(list(args), now, check=not may_refuse)
    if p.returncode == 0:
        events[kind] = events.get(kind, 0) + 1
    elif p.returncode != 65:
        sys.exit("at %s: %s: exit %d\n%s" % (now, " ".join(args), p.returncode, p.stderr))
    return p.stdout.strip()


snapshots = []  # (moment, [outputs])


def snapshot(now):
    snapshots.append((now, [crm_run(v, now).stdout for v in VIEWS]))


subprocess.run([crm, "init", store, "-q"], check=True, env=env)
with open(os.path.join(store, "crm.yaml"), encoding="utf-8") as f:
    config = f.read()
people = ("people:\n  - {name: admin, role: admin}\n"
          "  - {name: alice, role: sales, groups: [sales]}\n  - {name: bob, role: sales, groups: [sales]}\n"
          "  - {name: wang, role: service, groups: [service, production, team_lead]}\n"
          "  - {name: zhao, role: service, groups: [service, manager]}\n")
head, _, rest = config.partition("people:")
rest = rest[rest.index("\n") + 1:]
while rest.startswith(" ") or rest.startswith("\n"):
    rest = rest[rest.index("\n") + 1:] if "\n" in rest else ""
with open(os.path.join(store, "crm.yaml"), "w", encoding="utf-8") as f:
    f.write(head + people + rest)

customers, leads, tickets = [], [], []
statuses = ["contacted", "qualified", "proposal", "negotiation"]
lead_stage = {}   # id -> index into the pipeline moves made so far
ticket_state = {}  # id -> open|pending|solved|closed
day0 = dt.datetime(2026, 11, 2, tzinfo=zone)
for d in range(days):
    day = day0 + dt.timedelta(days=d)
    morning = day.replace(hour=8)
    if not customers or rng.random() < 0.5:
        for k in range(rng.randint(1, 3)):
            customers.append(act("customer add", morning + dt.timedelta(minutes=k), "customer", "add",
                                 "--name", "客户%d" % len(customers), "--phone", "1390000%04d" % len(customers)))
    for k in range(rng.randint(0, 4)):
        act("order add", morning + dt.timedelta(minutes=10 + k), "order", "add", "--customer", rng.choice(customers),
            "--amount", "%d.%02d" % (rng.randint(1, 3000), rng.randint(0, 99)))
    weekday = day.weekday() < 5
    moments = sorted(day.replace(hour=9) + dt.timedelta(minutes=rng.randint(0, 9 * 60 - 1))
                     for _ in range(rng.randint(8, 14) if weekday else rng.randint(0, 3)))
    for i, now in enumerate(moments):
        now += dt.timedelta(seconds=i)  # distinct moments
        r = rng.random()
        open_leads = [l for l in leads if lead_stage[l] < len(statuses)]
        live = [t for t in tickets if ticket_state[t] in ("open", "pending")]
        if r < 0.16 or not leads:
            lid = act("lead add", now, "lead", "add", "--name", "线索%d" % len(leads), "--phone",
                      "1370000%04d" % len(leads), "--budget", str(rng.randint(0, 25)), "--need", str(rng.randint(0, 25)),
                      "--source", rng.choice(["exhibition", "web", "referral"]), "--auto-assign", "-q")
            leads.append(lid)
            lead_stage[lid] = 0
        elif r < 0.30 and open_leads:
            l = rng.choice(open_leads)
            nxt = (day + dt.timedelta(days=rng.randint(1, 5))).date().isoformat()
            act("lead log", now, "lead", "log", l, "--channel", rng.choice(["phone", "wechat"]), "--note", "跟进",
                "--next", nxt)
            lead_stage[l] = max(lead_stage[l], 1)
        elif r < 0.40 and open_leads:
            l = rng.choice(open_leads)
            if rng.random() < 0.2:
                act("lead status", now, "lead", "status", l, "lost", "--reason", "预算不足")
                lead_stage[l] = len(statuses) + 1
            elif lead_stage[l] + 1 < len(statuses):
                lead_stage[l] += 1
                act("lead status", now, "lead", "status", l, statuses[lead_stage[l]])
            else:
                act("lead status", now, "lead", "status", l, "won")
                lead_stage[l] = len(statuses)
                if rng.random() < 0.5:
                    customers.append(act("lead convert", now, "lead", "convert", l))
        elif r < 0.52 or not live:
            tid = act("ticket open", now, "ticket", "open", "--customer", rng.choice(customers), "--subject", "问题",
                      "--type", rng.choice(["quality", "service", "process"]),
                      "--priority", rng.choice(["high", "medium", "low"]))
            tickets.append(tid)
            ticket_state[tid] = "open"
        else:
            t = rng.choice(live)
            r = rng.random()
            if r < 0.25:
                act("ticket reply", now, "ticket", "reply", t, "--note", "已回复")
            elif r < 0.35:
                act("ticket note", now, "ticket", "note", t, "--note", "内部")
            elif r < 0.50:
                to = "pending" if ticket_state[t] == "open" else "open"
                act("ticket status", now, "ticket", "status", t, to)
                ticket_state[t] = to
            elif r < 0.60:
                act("ticket assign", now, "ticket", "assign", t, "--to", rng.choice(["wang", "zhao"]))
            elif r < 0.68:
                act("ticket escalate", now, "ticket", "escalate", t, "--reason", "客户催促", may_refuse=True)
            else:
                act("ticket status", now, "ticket", "status", t, "solved")
                ticket_state[t] = "solved"
                if rng.random() < 0.6:
                    act("ticket rate", now, "ticket", "rate", t, "--score", str(rng.randint(1, 5)))
                if rng.random() < 0.5:
                    act("ticket status", now, "ticket", "status", t, "closed")
                    ticket_state[t] = "closed"
        if i % 3 == 2:
            snapshot(now + dt.timedelta(seconds=30))
    # The hourly escalation cron at noon and the nightly job.
    act("ticket escalate --auto", day.replace(hour=22), "ticket", "escalate", "--auto")
    snapshot(day.replace(hour=22, minute=30))
    act("rfm recompute", day.replace(hour=23), "rfm", "recompute")
    snapshot(day.replace(hour=23, minute=30))

p = subprocess.run([crm, "-C", store, "check"], capture_output=True, text=True, env=env)
if p.returncode != 0:
    sys.exit("crm check after the month: exit %d\n%s%s" % (p.returncode, p.stdout, p.stderr))

differ = 0
seen_views = {}  # a view's first difference is shown
for moment, outputs in snapshots:
    for view, before in zip(VIEWS, outputs):
        again = crm_run(view, as_of=moment).stdout
        if again != before:
            differ += 1
            seen_views[" ".join(view)] = seen_views.get(" ".join(view), 0) + 1
            if seen_views[" ".join(view)] == 1:
                print("differs at --as-of %s: crm %s" % (stamp(moment), " ".join(view)))
                import difflib
                for line in list(difflib.unified_diff(before.splitlines(), again.splitlines(), "then", "replayed",
                                                      lineterm=""))[:20]:
                    print("  " + line)
total = sum(events.values())
print("%d events (%s), %d moments x %d views replayed, %d differ" %
      (total, ", ".join("%s %d" % kv for kv in sorted(events.items())), len(snapshots), len(VIEWS), differ))
sys.exit(1 if differ else 0)
