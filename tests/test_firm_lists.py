"""Firms from official lists (Firm_lists.csv, relationships_tiers.csv): each list membership
carries its year and the list's page, each firm is placed, and firms based elsewhere say so."""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "changzhou"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _relationships() -> list[dict[str, str]]:
    return [r for p in sorted(DATA.glob("relationships*.csv")) for r in _rows(p.name)]


def test_every_list_membership_has_its_year_and_the_lists_page():
    memberships = [r for r in _rows("relationships_tiers.csv") if r["type"] == "IN_TIER"]
    assert memberships
    for r in memberships:
        assert r["year"].isdigit() and 2000 <= int(r["year"]) <= 2030, r
        assert r["source"].startswith(("http://", "https://")), r
        assert r["confidence"] == "stated", r


def test_every_listed_firm_is_placed_in_a_park_or_a_district():
    placed = {r["from"] for r in _relationships()
              if r["from_label"] == "Firm" and r["type"] in ("LOCATED_IN", "IN_REGION")}
    unplaced = [r["id"] for r in _rows("Firm_lists.csv") if r["id"] not in placed]
    assert unplaced == []


def test_a_district_read_off_an_address_is_marked_inferred():
    for r in _rows("relationships_tiers.csv"):
        if "地址" in r["note"]:
            assert r["confidence"] == "inferred", r


def test_every_listed_firm_says_where_it_is_based():
    assert all(r["based_in"] for r in _rows("Firm_lists.csv"))


def test_firms_based_elsewhere_are_marked_in_the_store(bundled_store):
    G = bundled_store.export()
    based = {k: d.get("based_in") for k, d in G.nodes(data=True) if d["label"] == "Firm"}
    # 松延动力(北京) (based_in 北京) was dropped in #17: its only source was a copy site.
    assert based["Firm:evergreen-tech"] == "常州"
    assert based["Firm:trina"] is None  # not recorded: never presumed


def test_every_row_cites_a_publisher_of_record_and_keeps_copies_in_read_at():
    from graph.sources import copy_site, source_kind

    for name in ("Firm_lists.csv", "relationships_tiers.csv"):
        for r in _rows(name):
            assert source_kind(r["source"]) in ("official", "filing", "media", "company"), r
            assert not copy_site(r["source"]), r
