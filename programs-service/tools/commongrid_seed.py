#!/usr/bin/env python3
"""Derives the public program catalog seed from CommonGrid's programs and utilities (ODbL 1.0).

Usage: tools/commongrid_seed.py <commongrid data dir> <output dir>
  e.g. tools/commongrid_seed.py ../../shared/data/commongrid src/main/resources/seed

Writes commongrid-programs.json (one object per program: id, slug, name, description, states, website,
retailerName, retailerLongName, active, createdAt, updatedAt) and copies CommonGrid's LICENSE next to
it as LICENSE-commongrid.txt: the derived file is itself offered under the ODbL, with attribution.
States come from the administering utilities' jurisdictions, else from the program's service
territories (territories/<eiaId>.json, property "state").
"""
import json
import os
import re
import shutil
import sys

STATE = re.compile(r"^[A-Z]{2}$")


def main(source, target):
    programs = json.load(open(os.path.join(source, "programs.json")))
    utilities = {}
    for utility in json.load(open(os.path.join(source, "utilities.json"))):
        utilities[utility["id"]] = utility
        utilities[utility["slug"]] = utility
    seed = []
    for p in programs:
        states, admins = [], []
        for org in p.get("organizations", []):
            utility = utilities.get(org["entityId"])
            if utility:
                admins.append(utility)
                for code in (utility.get("jurisdiction") or "").split(","):
                    add(states, code.strip())
        if not states:
            for region in p.get("regions", []):
                path = os.path.join(source, "territories", region.replace("region-st-", "") + ".json")
                if os.path.exists(path):
                    for feature in json.load(open(path))["features"]:
                        add(states, feature["properties"].get("state") or "")
        admin = admins[0] if admins else None
        seed.append({
            "id": p["id"],
            "slug": p["slug"],
            "name": p["name"],
            "description": p.get("description") or "",
            "states": states,
            "website": p.get("programWebsite"),
            "retailerName": (admin.get("shortName") or admin["slug"])[:128] if admin else None,
            "retailerLongName": admin["name"][:128] if admin else None,
            "active": p.get("status") == "ACTIVE",
            "createdAt": p.get("createdAt"),
            "updatedAt": p.get("updatedAt"),
        })
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "commongrid-programs.json"), "w") as out:
        json.dump({"source": "CommonGrid, https://github.com/TextureHQ/commongrid at commit "
                             "f6d0031f83f3108eb8bc64944b4bcff176fb709f (programs.json, utilities.json, territories)",
                   "license": "Open Data Commons Open Database License (ODbL) v1.0, see LICENSE-commongrid.txt",
                   "attribution": "Contains data from CommonGrid, (c) 2025-2026 Texture, Inc. and CommonGrid "
                                  "contributors, available under the ODbL v1.0",
                   "programs": seed}, out, indent=1, ensure_ascii=False)
        out.write("\n")
    shutil.copyfile(os.path.join(source, "LICENSE"), os.path.join(target, "LICENSE-commongrid.txt"))
    print(f"{len(seed)} programs, {sum(1 for s in seed if not s['states'])} without states")


def add(states, code):
    if STATE.match(code) and code not in states:
        states.append(code)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
