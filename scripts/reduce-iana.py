#!/usr/bin/env python3
"""Reduce IANA's service-names-port-numbers.csv to the fallback catalogue ajar bundles.

usage: scripts/reduce-iana.py ../shared/data/iana/service-names-port-numbers.csv \
           > src/main/resources/dev/ajar/knowledge/iana-ports.tsv

Keeps tcp and udp rows that name a service on a single port: "port<TAB>proto<TAB>name<TAB>description".
The first name registered for a (port, proto) wins, as in /etc/services, except that a row with
no description (IANA's "conflict" notes, e.g. shilp on 2049) gives way to a described one.
Public domain data (CC0).
"""
import csv
import sys

out = sys.stdout
out.write("# IANA Service Name and Transport Protocol Port Number Registry, reduced by\n")
out.write("# scripts/reduce-iana.py. Public domain (CC0 1.0). port<TAB>proto<TAB>name<TAB>description\n")
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    next(rows)
    kept = {}
    for row in rows:
        name, port, proto, desc = row[0].strip(), row[1].strip(), row[2].strip(), row[3]
        if not name or proto not in ("tcp", "udp") or not port.isdigit():
            continue
        key = (int(port), proto)
        desc = " ".join(desc.split())[:80]
        if key in kept and (kept[key][1] or not desc):
            continue
        kept[key] = (name, desc)
for (port, proto), (name, desc) in sorted(kept.items()):
    out.write(f"{port}\t{proto}\t{name}\t{desc}\n")
