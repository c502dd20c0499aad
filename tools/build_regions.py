"""Build ``data/regions.csv`` and the generated rows of ``data/region_aliases.csv``.

Run by a maintainer when a new Kepmendagri edition or BPS code list comes out; kopedu
itself never runs it (the bundled CSV files are what it reads, and CI has no network).

Sources (see ``data/README.md`` for edition, licence and date obtained)
-----------------------------------------------------------------------
``--kemendagri``
    A clone of https://github.com/cahyadsn/wilayah (MIT); ``db/wilayah.sql`` holds the
    Kemendagri codes and names (Kepmendagri 300.2.2-2138/2025 as amended by
    300.2.2-2430/2025). Read at commit :data:`KEMENDAGRI_COMMIT`.
``--bps``
    A clone of https://github.com/taufiqart/wilayah-indonesia: BPS' own bridging table
    (sig.bps.go.id "bridging kode"), every kabupaten/kota and kecamatan with its BPS code
    and the Kemendagri code BPS pairs it with. Read at commit :data:`BPS_COMMIT`.
    The bridging predates the 2022 Papua provinces; their BPS codes (BPS 2025 semester 1)
    are :data:`BPS_PAPUA_2025` below, typed from kode-wilayah-id (MIT).
``--previous``
    The catalog this one replaces (default: ``data/regions.csv`` at commit
    :data:`PREVIOUS_COMMIT` of this repository). Its regions keep their codes, names and
    verified BPS codes; BPS codes it left empty or marked "L" come from the sources.

Usage::

    git clone https://github.com/cahyadsn/wilayah /tmp/wilayah
    git clone https://github.com/taufiqart/wilayah-indonesia /tmp/bps
    python tools/build_regions.py --kemendagri /tmp/wilayah --bps /tmp/bps

Both clones may be bare (``git show`` reads the pinned commit) or work trees at it.
The script prints every decision a person should check: BPS pairs whose names differ,
pairs made by name only, regions left without a BPS code, seed values that changed.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import json
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEMENDAGRI_COMMIT = "b7ad440a1322e7be3189a16a8cac35f7d4c3d7f7"
BPS_COMMIT = "901bec090f666445327153c56f215f243b8808c1"
PREVIOUS_COMMIT = "a7fde3d"

SRC_KEMENDAGRI = "Kepmendagri 2430/2025"
SRC_BPS = "BPS bridging"
SRC_BPS_PAPUA = "BPS 2025-S1"
SRC_ALIAS_BPS = "BPS bridging"

#: BPS codes of the provinces whose BPS code differs from the Kemendagri code.
#: Source: kode-wilayah-id data/regencies.json (bps_province_code), BPS 2025 semester 1.
BPS_PROVINCE = {"91": "94", "92": "91", "93": "95", "94": "96", "95": "97", "96": "92"}

#: BPS 2025-S1 codes of the kabupaten/kota of the four provinces made in 2022, which BPS'
#: bridging table does not cover yet. Typed from sumitroajiprabowo/kode-wilayah-id
#: data/regencies.json at commit 0bf1b55ac8c62de662cf623b3c6565c6e5ec9e89 (MIT), matched
#: here to the Kemendagri code by name within the province.
BPS_PAPUA_2025 = {
    "93": {"Merauke": "9501", "Boven Digoel": "9502", "Mappi": "9503", "Asmat": "9504"},
    "94": {
        "Mimika": "9601", "Dogiyai": "9602", "Deiyai": "9603", "Nabire": "9604",
        "Paniai": "9605", "Intan Jaya": "9606", "Puncak": "9607", "Puncak Jaya": "9608",
    },
    "95": {
        "Nduga": "9701", "Jayawijaya": "9702", "Lanny Jaya": "9703", "Tolikara": "9704",
        "Mamberamo Tengah": "9705", "Yalimo": "9706", "Yahukimo": "9707",
        "Pegunungan Bintang": "9708",
    },
    "96": {
        "Raja Ampat": "9201", "Sorong": "9202", "Sorong Selatan": "9203", "Maybrat": "9204",
        "Tambrauw": "9205", "Kota Sorong": "9271",
    },
}  # fmt: skip

PAPUA_PROVINCES = {"91", "92", "93", "94", "95", "96"}
COLUMNS = [
    "code", "bps_code", "name", "official_name", "level", "parent_code",
    "code_confidence", "source", "note",
]  # fmt: skip


def squash(text: str) -> str:
    """Letters and digits only, lower case ("KAB. PENAJAM PASER UTARA" → "kabpenajam…")."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def bare(text: str) -> str:
    """A kabupaten/kota name without its level words, squashed."""
    s = re.sub(r"^\s*(kab\.?|kabupaten|kota)\s+((adm\.?|administrasi)\s+)?", "", text, flags=re.I)
    s = re.sub(r"\bkep\.\s*", "kepulauan ", s, flags=re.I)
    return squash(s)


def read_source(repo: Path, path: str, commit: str) -> str:
    """A file of a source clone: from the work tree when present, else ``git show``."""
    if (repo / path).is_file():
        return (repo / path).read_text(encoding="utf-8")
    out = subprocess.run(
        ["git", "--git-dir", str(_git_dir(repo)), "show", f"{commit}:{path}"],
        capture_output=True,
        check=True,
    )
    return out.stdout.decode("utf-8")


def list_source(repo: Path, folder: str, commit: str) -> list[str]:
    if (repo / folder).is_dir():
        return sorted(str(p.relative_to(repo)) for p in (repo / folder).rglob("*.json"))
    out = subprocess.run(
        ["git", "--git-dir", str(_git_dir(repo)), "ls-tree", "-r", "--name-only", commit, folder],
        capture_output=True,
        check=True,
        text=True,
    )
    return sorted(p for p in out.stdout.split() if p.endswith(".json"))


def _git_dir(repo: Path) -> Path:
    return repo / ".git" if (repo / ".git").exists() else repo


# --- Kemendagri ---------------------------------------------------------------------


@dataclass
class Row:
    code: str
    name: str
    official_name: str
    level: str
    parent_code: str
    bps_code: str = ""
    confidence: str = "H"
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def out(self) -> dict[str, str]:
        return {
            "code": self.code,
            "bps_code": self.bps_code,
            "name": self.name,
            "official_name": self.official_name,
            "level": self.level,
            "parent_code": self.parent_code,
            "code_confidence": self.confidence,
            "source": "; ".join(self.sources),
            "note": "; ".join(self.notes),
        }


def kemendagri_rows(sql: str) -> dict[str, Row]:
    """Provinces, kabupaten/kota and kecamatan of ``db/wilayah.sql`` (villages skipped)."""
    rows: dict[str, Row] = {}
    for code, raw in re.findall(r"\('(\d{2}(?:\.\d{2}){0,2})','((?:[^']|'')*)'\)", sql):
        name = re.sub(r"\s+", " ", raw.replace("''", "'")).strip()
        parts = code.split(".")
        if len(parts) == 1:
            rows[code] = Row(code, name, f"Provinsi {name}", "provinsi", "ID")
        elif len(parts) == 2:
            level = "kota" if int(parts[1]) >= 71 else "kabupaten"
            prefix = "Kota" if level == "kota" else "Kabupaten"
            if not name.startswith(prefix + " "):
                raise SystemExit(f"{code} {name!r}: expected a name starting with {prefix}")
            short = re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", name)
            rows[code] = Row(code, short, name, level, parts[0])
        else:
            # Papua's kecamatan are called distrik (UU 21/2001, Otonomi Khusus Papua).
            word = "Distrik" if parts[0] in PAPUA_PROVINCES else "Kecamatan"
            rows[code] = Row(code, name, f"{word} {name}", "kecamatan", ".".join(parts[:2]))
    for row in rows.values():
        row.sources.append(SRC_KEMENDAGRI)
    return rows


# --- BPS ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BpsUnit:
    bps_code: str
    dagri_code: str
    name: str
    parent: str


def bps_units(repo: Path) -> tuple[dict[str, BpsUnit], dict[str, BpsUnit]]:
    """(kabupaten/kota, kecamatan) of the bridging table, by BPS code."""
    kab: dict[str, BpsUnit] = {}
    kec: dict[str, BpsUnit] = {}
    for path in list_source(repo, "data", BPS_COMMIT):
        depth = path.count("/")
        if path.endswith("province.json") or depth == 3:
            continue  # provinces are identical to Kemendagri's; depth 3 lists villages
        target = kab if depth == 1 else kec
        for unit in json.loads(read_source(repo, path, BPS_COMMIT)).values():
            target[unit["bps_code"]] = BpsUnit(
                unit["bps_code"], unit["dagri_code"], unit["text"].strip(), unit["parent"]
            )
    return kab, kec


def kab_key(text: str) -> str:
    """Level and name of a kabupaten/kota ("KAB. BOGOR" → "kab:bogor", "Kota Bogor" → …)."""
    return ("kota:" if re.match(r"\s*kota\b", text, flags=re.I) else "kab:") + bare(text)


def pair(
    kem: list[Row], bps: list[BpsUnit], key=kab_key
) -> tuple[list[tuple[Row, BpsUnit, str]], list[Row]]:
    """Pair Kemendagri rows with BPS units of one parent.

    1. the Kemendagri code BPS pairs the unit with (Kemendagri keeps a code when it
       renames a region, so BPS' older names still point at the right code);
    2. the same name (unique on both sides) for what is left;
    3. a close name (difflib ratio ≥ 0.85, each the other's best) for what is left.

    Returns the pairs with how each was made ("kode", "nama", "mirip"), and the rows
    left without a BPS unit.
    """

    def label(r: Row) -> str:
        return r.official_name if r.level != "kecamatan" else r.name

    pairs: list[tuple[Row, BpsUnit, str]] = []
    by_code = {r.code: r for r in kem}
    bps_left = []
    for u in bps:
        r = by_code.pop(u.dagri_code, None)
        if r is None:
            bps_left.append(u)
        else:
            pairs.append((r, u, "kode"))
    kem_left = list(by_code.values())
    names_k = defaultdict(list)
    for r in kem_left:
        names_k[key(label(r))].append(r)
    names_b = defaultdict(list)
    for u in bps_left:
        names_b[key(u.name)].append(u)
    for k, rs in names_k.items():
        us = names_b.get(k, [])
        if len(rs) == 1 and len(us) == 1:
            pairs.append((rs[0], us[0], "nama"))
            kem_left.remove(rs[0])
            bps_left.remove(us[0])

    def ratio(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, key(a), key(b)).ratio()

    for r in list(kem_left):
        if not bps_left:
            break
        best, u = max(((ratio(label(r), u.name), u) for u in bps_left), key=lambda t: t[0])
        back = max(ratio(u.name, label(o)) for o in kem_left)
        if best >= 0.85 and best >= back:
            pairs.append((r, u, "mirip"))
            kem_left.remove(r)
            bps_left.remove(u)
    return pairs, kem_left


def attach_bps(rows: dict[str, Row], repo: Path, log: list[str]) -> list[tuple[str, str]]:
    """Set ``bps_code`` on every row the sources allow; return (code, BPS name) aliases."""
    kab_units, kec_units = bps_units(repo)
    aliases: list[tuple[str, str]] = []
    rows["ID"].bps_code = "00"
    for code, row in rows.items():
        if row.level == "provinsi":
            row.bps_code = BPS_PROVINCE.get(code, code)
            if code in BPS_PROVINCE:
                row.sources.append(SRC_BPS_PAPUA)
    # Kabupaten/kota, per province. BPS units of the pre-2022 Papua provinces (BPS 91 and
    # 94) are offered to every Papua province: names decide where they belong now.
    units_by_prov: dict[str, list[BpsUnit]] = defaultdict(list)
    for u in kab_units.values():
        units_by_prov[u.dagri_code[:2]].append(u)
    papua_units = units_by_prov.pop("91", []) + units_by_prov.pop("92", [])
    kab_by_prov: dict[str, list[Row]] = defaultdict(list)
    for row in rows.values():
        if row.level in ("kabupaten", "kota"):
            kab_by_prov[row.parent_code].append(row)
    bps_of_kab: dict[str, str] = {}  # BPS kab code (bridging) -> Kemendagri kab code
    for prov, kabs in sorted(kab_by_prov.items()):
        if prov in BPS_PAPUA_2025:
            typed = BPS_PAPUA_2025[prov]
            for r in kabs:
                bps = typed.get(r.official_name if r.level == "kota" else r.name)
                if not bps:
                    raise SystemExit(f"no BPS 2025 code typed for {r.code} {r.official_name}")
                r.bps_code = bps
                r.sources.append(SRC_BPS_PAPUA)
            continue
        units = papua_units if prov in ("91", "92") else units_by_prov.get(prov, [])
        if prov in ("91", "92"):
            units = [u for u in units if u.dagri_code[:2] == prov]
        pairs, left = pair(kabs, units)
        for r, u, how in pairs:
            r.bps_code = u.bps_code
            r.sources.append(SRC_BPS)
            bps_of_kab[u.bps_code] = r.code
            _note_pair(r, u, how, log)
            if kab_key(u.name) != kab_key(r.official_name):
                aliases.append((r.code, _title(u.name, r.level)))
        for r in left:
            r.notes.append("kode BPS tidak ada di sumber")
            log.append(f"kab/kota tanpa kode BPS: {r.code} {r.official_name}")
    # Kecamatan, per kabupaten/kota.
    kec_by_kab: dict[str, list[Row]] = defaultdict(list)
    for row in rows.values():
        if row.level == "kecamatan":
            kec_by_kab[row.parent_code].append(row)
    units_by_kab: dict[str, list[BpsUnit]] = defaultdict(list)
    for u in kec_units.values():
        if u.parent in bps_of_kab:
            units_by_kab[bps_of_kab[u.parent]].append(u)
    for kab, kecs in sorted(kec_by_kab.items()):
        if kab[:2] in BPS_PAPUA_2025:
            for r in kecs:
                r.notes.append(
                    "kode BPS belum ada di sumber (BPS menomori ulang distrik provinsi baru Papua)"
                )
            continue
        units = units_by_kab.get(kab, [])
        pairs, left = pair(kecs, units, key=squash)
        for r, u, how in pairs:
            r.bps_code = u.bps_code
            r.sources.append(SRC_BPS)
            _note_pair(r, u, how, log)
            if squash(u.name) != squash(r.name):
                aliases.append((r.code, _title(u.name)))
        for r in left:
            r.notes.append("kode BPS tidak ada di sumber")
            log.append(f"kecamatan tanpa kode BPS: {r.code} {r.name} ({rows[kab].name})")
    return aliases


def _note_pair(r: Row, u: BpsUnit, how: str, log: list[str]) -> None:
    key = squash if r.level == "kecamatan" else kab_key
    target = r.name if r.level == "kecamatan" else r.official_name
    similar = difflib.SequenceMatcher(None, key(u.name), key(target)).ratio()
    bps_name = _title(u.name, r.level)
    if how == "mirip":
        r.confidence = "M"
        r.notes.append(f"kode BPS dipasangkan menurut kemiripan nama (BPS: {bps_name})")
    elif how == "kode" and similar < 0.6:
        r.confidence = "M"
        r.notes.append(f"BPS memakai nama lain ({bps_name}); pasangan kode dari tabel BPS")
    if how != "kode" or similar < 1:
        log.append(f"{how} {similar:.2f}: {r.code} {target!r} ~ BPS {u.bps_code} {u.name!r}")


def _title(text: str, level: str = "kecamatan") -> str:
    """BPS' upper-case names in title case, abbreviations spelled out."""
    s = text.strip()
    if level != "kecamatan":
        s = re.sub(r"^(KAB\.?|KOTA)\s+((ADM\.?)\s+)?", "", s)
    s = re.sub(r"\bKEP\.\s*", "KEPULAUAN ", s)
    return " ".join(w.capitalize() if not re.fullmatch(r"[IVX]+", w) else w for w in s.split())


# --- seed regions (the catalog this replaces) ----------------------------------------


def keep_seed(rows: dict[str, Row], previous: list[dict[str, str]], log: list[str]) -> None:
    """Seed regions keep their names and verified BPS codes; "L" values give way."""
    for old in previous:
        code = old["code"]
        if code == "ID":
            rows["ID"] = Row("ID", old["name"], old["official_name"], "nasional", "", "00")
            rows["ID"].sources.append(old["source"])
            continue
        row = rows.get(code)
        if row is None:
            raise SystemExit(f"seed region {code} {old['name']} is not in the Kemendagri file")
        recalled = old["code_confidence"] == "L"
        if squash(old["name"]) != squash(row.name):
            if not recalled:
                raise SystemExit(f"seed {code}: {old['name']!r} vs Kemendagri {row.name!r}")
            log.append(f"seed {code}: {old['name']!r} (L, from recall) is {row.name!r}")
            continue
        if (old["name"], old["official_name"]) != (row.name, row.official_name):
            row.notes.append(f"nama Kemendagri: {row.official_name}")
            row.name, row.official_name = old["name"], old["official_name"]
        if old["bps_code"] and not recalled:
            if old["bps_code"] != row.bps_code:
                log.append(f"seed {code}: BPS {old['bps_code']} kept (source: {row.bps_code!r})")
                row.bps_code = old["bps_code"]
        elif row.bps_code:
            log.append(f"seed {code} {row.name}: BPS {old['bps_code']!r} -> {row.bps_code}")


# --- aliases ------------------------------------------------------------------------


def alias_rows(
    rows: dict[str, Row], generated: list[tuple[str, str]], existing: list[dict[str, str]]
) -> list[dict[str, str]]:
    """Hand-written aliases kept as they are; BPS spellings added where they are unique
    within the parent (a BPS name equal to another region's name there is dropped)."""
    kept = [a for a in existing if a["source"] != SRC_ALIAS_BPS]
    names_in_parent: dict[str, set[str]] = defaultdict(set)
    for r in rows.values():
        names_in_parent[r.parent_code].add(squash(r.name))
    known = {(squash(a["alias"]), a["code"]) for a in kept}
    out = list(kept)
    for code, alias in sorted(set(generated)):
        r = rows[code]
        k = squash(alias)
        if k in names_in_parent[r.parent_code] or (k, code) in known or len(k) < 3:
            continue
        known.add((k, code))
        out.append(
            {
                "alias": alias,
                "code": code,
                "source": SRC_ALIAS_BPS,
                "note": f"ejaan BPS untuk {r.official_name}",
            }
        )
    return out


# --- main ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kemendagri", type=Path, required=True, help="clone of cahyadsn/wilayah")
    ap.add_argument("--bps", type=Path, required=True, help="clone of taufiqart/wilayah-indonesia")
    ap.add_argument("--previous", type=Path, help="catalog to keep seed regions from")
    ap.add_argument("--out", type=Path, default=ROOT / "data")
    args = ap.parse_args(argv)

    log: list[str] = []
    rows = kemendagri_rows(read_source(args.kemendagri, "db/wilayah.sql", KEMENDAGRI_COMMIT))
    if args.previous:
        previous_text = args.previous.read_text(encoding="utf-8")
    else:
        previous_text = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{PREVIOUS_COMMIT}:data/regions.csv"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    previous = list(csv.DictReader(io.StringIO(previous_text)))
    rows["ID"] = Row("ID", "Indonesia", "Indonesia", "nasional", "")
    generated = attach_bps(rows, args.bps, log)
    keep_seed(rows, previous, log)

    ordered = sorted(rows.values(), key=lambda r: (r.code != "ID", r.code))
    with (args.out / "regions.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(r.out() for r in ordered)

    alias_path = args.out / "region_aliases.csv"
    with alias_path.open(encoding="utf-8", newline="") as f:
        existing = list(csv.DictReader(f))
    for a in existing:
        a.setdefault("source", "")
        a["source"] = a["source"] or "disusun kopedu"
        a["note"] = a.get("note") or ""
    aliases = alias_rows(rows, generated, existing)
    with alias_path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, ["alias", "code", "source", "note"], lineterminator="\n")
        w.writeheader()
        w.writerows({k: a[k] for k in ("alias", "code", "source", "note")} for a in aliases)

    levels: dict[str, int] = defaultdict(int)
    for r in rows.values():
        levels[r.level] += 1
    no_bps = sum(1 for r in rows.values() if not r.bps_code)
    print(dict(levels), f"tanpa kode BPS: {no_bps}", f"alias: {len(aliases)}", file=sys.stderr)
    print("\n".join(log), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
