#!/usr/bin/python3
"""Compares `crm customer list` RFM columns with rfm_pandas.py output, customer by customer.

usage: rfm_compare.py CRM.csv PANDAS.csv
CRM.csv has ref,r,f,m,rfm_r,rfm_f,rfm_m,segment,lifecycle,tier,high_value (prospects, with
an empty r, are left out: pandas only scores customers with orders).
"""
import csv
import sys

crm_rows = {}
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["r"] == "":
            continue
        crm_rows[row["ref"]] = [row["r"], row["f"], row["m"], row["rfm_r"], row["rfm_f"], row["rfm_m"],
                                row["segment"], row["lifecycle"], row["tier"], row["high_value"]]
peer = {}
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        peer[row["customer"]] = [row["r"], row["f"], row["m"], row["R"], row["F"], row["M"],
                                 row["segment"], row["lifecycle"], row["tier"], row["high_value"]]
bad = 0
for key in sorted(set(crm_rows) | set(peer)):
    a, b = crm_rows.get(key), peer.get(key)
    if a != b:
        bad += 1
        if bad <= 10:
            print(f"customer {key}: crm {a} != pandas {b}")
print(f"{len(peer)} customers compared, {bad} differ")
sys.exit(1 if bad or not peer else 0)
