"""Read-only Cypher is refused by the engines, not by hoping: a corpus of write, file and
admin attempts changes nothing on either store."""

from __future__ import annotations

import pytest

from graph.store.base import QueryTimeout, ReadOnlyViolation, StoreError

ATTEMPTS = [
    "CREATE (:Track {id:'x', name:'x'})",
    "MERGE (t:Track {id:'x'}) RETURN t",
    "MATCH (t:Track) SET t.name = 'hacked'",
    "MATCH (t:Track) SET t.extra = 1 RETURN count(t)",
    "MATCH (t:Track) REMOVE t.aliases",
    "MATCH (t:Track) DELETE t",
    "MATCH (t:Track) DETACH DELETE t",
    "MATCH (n) DETACH DELETE n",
    "MATCH (a:Park), (b:Track) CREATE (a)-[:FOCUSES_ON]->(b)",
    "MATCH (a:Park)-[e]->() DELETE e",
    "UNWIND range(1, 3) AS i CREATE (:Track {id: toString(i), name: 'x'})",
    "MATCH (t:Track) WITH t LIMIT 1 CREATE (:Track {id: t.id + 'x', name: 'y'})",
    "match (t:Track) detach delete t",
    "MaTcH (t:Track) SeT t.name = 'x'",
    "MATCH (t:Track) RETURN t /* comment */ ; MATCH (n) DETACH DELETE n",
    "MATCH (n) RETURN n; CREATE (:Track {id:'y', name:'y'})",
    "// just a comment\nCREATE (:Track {id:'c', name:'c'})",
    "/* CREATE is in a comment */ MATCH (t:Track) DELETE t",
    "ＣＲＥＡＴＥ (:Track {id:'fw', name:'full-width keyword'})",
    "MATCH (t:Track) WHERE t.name = 'DELETE' SET t.name = 'x'",
    "CALL { CREATE (:Track {id:'sub', name:'sub'}) } RETURN 1",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "load csv from 'file:///etc/passwd' as row return row",
    "LOAD FROM '/etc/passwd' RETURN *",
    "COPY Track FROM '/tmp/tracks.csv'",
    "COPY (MATCH (n) RETURN n.id) TO '/tmp/out.csv'",
    "EXPORT DATABASE '/tmp/kg-export'",
    "IMPORT DATABASE '/tmp/kg-export'",
    "INSTALL httpfs",
    "ATTACH '/tmp/other.db' AS other (dbtype lbug)",
    "CREATE NODE TABLE Evil(id STRING, PRIMARY KEY (id))",
    "DROP TABLE Track",
    "ALTER TABLE Track ADD evil STRING",
    "CREATE INDEX evil FOR (n:Track) ON (n.evil)",
    "DROP CONSTRAINT track_id_unique",
    "CREATE CONSTRAINT evil FOR (n:Track) REQUIRE n.evil IS UNIQUE",
    "CALL db.createLabel('Evil')",
    "CALL db.createProperty('evil')",
    "CREATE DATABASE evil",
    "CREATE USER evil SET PASSWORD 'x'",
    "MATCH (t:Track) CALL (t) { SET t.name = 'x' } RETURN count(*)",
    "FOREACH (i IN [1] | CREATE (:Track {id:'fe', name:'fe'}))",
]


def test_the_corpus_is_large_enough():
    assert len(ATTEMPTS) >= 30


# Attempts that one engine's grammar lacks: it fails to parse them, which is not a refusal of a
# write, so they are listed here by name; every other attempt must be refused as a write.
NOT_IN_GRAMMAR = {
    "embedded": {
        "MATCH (t:Track) REMOVE t.aliases",
        "ＣＲＥＡＴＥ (:Track {id:'fw', name:'full-width keyword'})",
        "CALL { CREATE (:Track {id:'sub', name:'sub'}) } RETURN 1",
        "DROP CONSTRAINT track_id_unique",
        "CREATE CONSTRAINT evil FOR (n:Track) REQUIRE n.evil IS UNIQUE",
        "CALL db.createLabel('Evil')",
        "CALL db.createProperty('evil')",
        "CREATE DATABASE evil",
        "CREATE USER evil SET PASSWORD 'x'",
        "MATCH (t:Track) CALL (t) { SET t.name = 'x' } RETURN count(*)",
        "FOREACH (i IN [1] | CREATE (:Track {id:'fe', name:'fe'}))",
    },
    "neo4j": {
        "ＣＲＥＡＴＥ (:Track {id:'fw', name:'full-width keyword'})",
        "CREATE NODE TABLE Evil(id STRING, PRIMARY KEY (id))",
        "DROP TABLE Track",
        "ALTER TABLE Track ADD evil STRING",
        "CREATE DATABASE evil",  # "unsupported administration command" outside the system database
    },
}


def test_every_write_file_or_admin_attempt_is_refused_and_nothing_changes(bundled_store):
    before = bundled_store.checksum()
    unparsed = NOT_IN_GRAMMAR[bundled_store.kind]
    wrong = []
    for q in ATTEMPTS:
        try:
            bundled_store.read(q, row_cap=10, timeout=2)
            wrong.append(("ran", q))
        except ReadOnlyViolation:
            if q in unparsed:
                wrong.append(("refused, yet listed as not in the grammar", q))
        except StoreError as e:
            if q not in unparsed:  # e.g. a syntax error is not a refused write
                wrong.append((f"{type(e).__name__}: {e}", q))
    assert wrong == [], f"{bundled_store.kind}: {wrong}"
    assert bundled_store.checksum() == before


def test_plain_reads_still_work_read_only(bundled_store):
    res = bundled_store.read("MATCH (t:Track) RETURN count(t) AS n", row_cap=10, timeout=2)
    assert res.single_value() > 0


def test_the_row_cap_cuts_a_cartesian_product(bundled_store):
    res = bundled_store.read("MATCH (a:Firm), (b:Firm) RETURN a.id, b.id", row_cap=1000, timeout=5)
    assert len(res.rows) == 1000 and res.truncated


def test_the_timeout_stops_a_runaway_query(bundled_store):
    with pytest.raises(QueryTimeout):
        bundled_store.read("MATCH p = (a)-[*1..10]-(b) RETURN count(p)", row_cap=10, timeout=0.5)
    # and the store still answers afterwards
    assert bundled_store.read("RETURN 1 AS one", timeout=1).single_value() == 1
