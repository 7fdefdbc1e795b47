"""The query library: named, documented, and the same answers on both stores."""

from __future__ import annotations

import pytest

from graph import model
from graph.store.base import normalise_value
from queries.library import load_library, run_named

CCZU = {"label": "University", "id": "cczu"}
# 常州大学 → 小牛电动: 3 hops through the 西太湖 campus and park, 4 through the graphene platforms
PATH = {"from_label": "University", "from_id": "cczu", "to_label": "Firm", "to_id": "niu"}

# Parameters for the queries that need some; every other query runs with its defaults.
FIXTURE_PARAMS = {
    "coverage.cell": [{"track": "人工智能"}, {"track": "new-energy", "kind": "Firm"}],
    "entity.neighbourhood": [{**CCZU, "hops": 1}, {**CCZU, "hops": 2, "types": "Firm,Platform"},
                             {"label": "Platform", "id": "longcheng-lab", "hops": 3}],
    "entity.search": [{"q": "龙城"}, {"q": "常大"}, {"q": "", "types": "Tier"}],
    "paths.shortest": [PATH],
    "paths.all_shortest": [PATH, {**PATH, "rel_types": "PART_OF,CO_BUILDS,LOCATED_IN,HOSTED_BY"}],
    "paths.k_paths": [{**PATH, "k": 5, "max_hops": 4}, {**PATH}],
    "partners.common": [{"a_label": "University", "a_id": "cczu", "b_label": "Park", "b_id": "cz-science-edu-town"}],
    "track.servers": [{"track": "人工智能"}, {"track": "new-energy"}],
    "chain.coverage": [{"track": "新能源"}],
    "programme.reach": [{"programme": "双岗互聘计划"}],
}


def _cases():
    for qid, q in sorted(load_library().items()):
        if qid in FIXTURE_PARAMS:
            for i, p in enumerate(FIXTURE_PARAMS[qid]):
                yield pytest.param(qid, p, id=f"{qid}-{i}")
        else:
            assert not any(p.required for p in q.params), f"{qid} needs fixture parameters"
            yield pytest.param(qid, {}, id=qid)


def test_the_library_lists_at_least_15_queries_with_both_titles():
    lib = load_library()
    assert len([q for q in lib.values() if not q.id.startswith("metric.")]) >= 15
    for q in lib.values():
        assert q.title_zh and q.title_en and q.audience in ("planner", "researcher", "presenter")
        assert q.shape in ("table", "graph")


def test_every_query_is_described_in_both_languages_and_the_english_has_no_chinese():
    from graph.strings import foreign_in_english

    for q in load_library().values():
        assert q.description and q.description_zh, f"{q.id}: // description: and // description_zh: both"
        assert q.describe("zh") == q.description_zh and q.describe("en") == q.description
        for text in (q.title_en, q.description, *(p.help for p in q.params)):
            assert not foreign_in_english(text), f"{q.id}: {foreign_in_english(text)} in {text!r}"
        for p in q.params:  # the console's help for each parameter, in the UI's language
            assert p.help and q.param_help(p.name, "en") == p.help, f"{q.id}: {p.name} has no help"
            assert q.param_help(p.name, "zh") != p.help, f"{q.id}: {p.name} has no // param_zh: line"
        assert {n for n, _ in q.param_help_zh} <= {p.name for p in q.params}, f"{q.id}: param_zh for no param"


def test_dialect_variants_exist_only_where_the_dialects_differ():
    for q in load_library().values():
        for dialect, text in q.variants.items():
            assert text != q.text, f"{q.id}.{dialect}.cypher repeats the base text"


def test_the_three_path_queries_share_one_ladybug_text_and_shortest_shares_neo4j_text_too():
    lib = load_library()
    shared = lib["paths.k_paths"].text_for("ladybug")
    assert all(lib[q].text_for("ladybug") == shared for q in ("paths.shortest", "paths.all_shortest"))
    assert lib["paths.shortest"].text_for("neo4j") == lib["paths.all_shortest"].text_for("neo4j")
    assert lib["paths.k_paths"].text_for("neo4j") != lib["paths.all_shortest"].text_for("neo4j")


def test_text_from_must_name_another_query(tmp_path):
    from queries.library import QueryError

    head = "// id: {id}\n// title_zh: 甲\n// title_en: a\n// audience: planner\n// shape: table\n"
    (tmp_path / "a.one.cypher").write_text(head.format(id="a.one") + "// text_from: a.two\n", encoding="utf-8")
    (tmp_path / "a.two.cypher").write_text(head.format(id="a.two") + "// text_from: a.one\n", encoding="utf-8")
    with pytest.raises(QueryError, match="loops"):
        load_library.__wrapped__(tmp_path)
    (tmp_path / "a.two.cypher").write_text(head.format(id="a.two") + "RETURN 1 AS x\n", encoding="utf-8")
    assert load_library.__wrapped__(tmp_path)["a.one"].text == "RETURN 1 AS x"


def test_a_header_names_its_postprocess_step_and_the_library_finds_it(tmp_path):
    from queries.library import QueryError, postprocess_step

    steps = {q.id: q.postprocess for q in load_library().values() if q.postprocess}
    assert steps == {"kpi.progress": "queries.kpi.kpi_progress_rows", "paths.k_paths": "queries.paths.first_k_paths",
                     "paths.all_shortest": "queries.paths.shortest_paths",
                     "paths.shortest": "queries.paths.shortest_path",
                     "quality.duplicates": "queries.quality.likely_duplicates"}
    assert all(callable(postprocess_step(name)) for name in steps.values())
    head = "// id: a.one\n// title_zh: 甲\n// title_en: a\n// audience: planner\n// shape: table\n"
    (tmp_path / "a.one.cypher").write_text(head + "// postprocess: os.system\nRETURN 1 AS x\n", encoding="utf-8")
    with pytest.raises(QueryError, match="queries.MODULE.FUNCTION"):
        load_library.__wrapped__(tmp_path)
    with pytest.raises(QueryError, match="cannot import"):
        postprocess_step("queries.nowhere.step")


def test_the_hubs_parameter_is_filled_in_from_the_model_and_no_header_repeats_the_list(tmp_path):
    from queries.library import QueryError

    users = [q for q in load_library().values() if any(p.name == "hubs" for p in q.params)]
    assert len(users) >= 5  # the path, partner and neighbourhood queries
    for q in users:
        assert q.bind({**{p.name: "x" for p in q.params if p.required and p.type == "string"},
                       **{p.name: "Firm" for p in q.params if p.required and p.type == "label"}})["hubs"] \
            == model.hub_labels(), q.id
        assert q.bind({**{p.name: "x" for p in q.params if p.required and p.type == "string"},
                       **{p.name: "Firm" for p in q.params if p.required and p.type == "label"},
                       "hubs": "Track"})["hubs"] == ["Track"], q.id  # a caller may still narrow them
    head = "// id: a.one\n// title_zh: 甲\n// title_en: a\n// audience: planner\n// shape: table\n"
    for line, ok in [("// param: hubs labels Track,Region", False), ("// param: kinds labels model", False),
                     ("// param: hubs labels model \"types left out\"", True)]:
        (tmp_path / "a.one.cypher").write_text(head + line + "\nRETURN $hubs AS h\n", encoding="utf-8")
        if ok:
            assert load_library.__wrapped__(tmp_path)["a.one"].bind({})["hubs"] == model.hub_labels()
        else:
            with pytest.raises(QueryError, match="reserved"):
                load_library.__wrapped__(tmp_path)


@pytest.mark.parametrize("qid,params,bound", [
    ("paths.k_paths", {"k": 51}, "between 1 and 50"), ("paths.k_paths", {"max_hops": 5}, "between 1 and 4"),
    ("paths.shortest", {"max_hops": 7}, "between 1 and 6"), ("paths.all_shortest", {"max_hops": 0}, "between 1 and 6")])
def test_bounded_parameters_refuse_values_past_their_bounds(qid, params, bound):
    from queries.library import QueryError, get_query

    with pytest.raises(QueryError, match=bound):
        get_query(qid).bind({**PATH, **params})


@pytest.fixture(scope="module")
def both_stores(tmp_path_factory):
    """The bundled data on both stores: the session's embedded store and the shared Neo4j,
    reloaded only if something wrote to it since (conftest).  Tests must not write to them."""
    from conftest import bundled_embedded, bundled_neo4j

    neo = bundled_neo4j()
    yield bundled_embedded(tmp_path_factory), neo
    neo.close()


def _normalised(res):
    return res.columns, [[normalise_value(v) for v in row] for row in res.rows]


# Cases whose answer on the bundled data is empty, each with why; every other case must find
# something, so that two empty answers never pass as "the same".
EMPTY_ON_BUNDLED = {
    "quality.no_source": "every bundled fact has a source and a confidence",
    "coverage.cell-1": "no bundled Firm is linked to new-energy itself (only to its segments)",
    "partners.common-0": "常州大学 and 科教城 share no direct neighbour",
}


@pytest.mark.parametrize("qid,params", list(_cases()))
def test_every_query_gives_the_same_answer_on_both_stores(both_stores, qid, params, request):
    emb, neo = both_stores
    a = run_named(emb, qid, params)
    b = run_named(neo, qid, params)
    assert _normalised(a) == _normalised(b)
    case = request.node.callspec.id
    assert bool(a.rows) != (case in EMPTY_ON_BUNDLED), f"{case}: {len(a.rows)} rows; EMPTY_ON_BUNDLED says otherwise"


def test_a_packed_query_is_unpacked_and_cut_at_the_row_cap_like_any_other(both_stores):
    q = load_library()["track.servers"]
    assert q.packed == ("label", "id", "name", "via", "track")
    assert "collect([label, id, name, via, track]) AS rows" in q.text_for("neo4j")
    for store in both_stores:
        whole = run_named(store, "track.servers", {"track": "人工智能"})
        cut = run_named(store, "track.servers", {"track": "人工智能"}, row_cap=2)
        assert whole.columns == cut.columns == list(q.packed) and len(whole) > 2 and not whole.truncated
        assert cut.rows == whole.rows[:2] and cut.truncated, store.kind


def test_the_bundled_graph_is_the_same_on_both_stores(both_stores):
    emb, neo = both_stores
    assert emb.stats() == neo.stats()
    assert min(emb.stats()["nodes"].values()) > 0, "a label the bundled data should hold is empty"
    assert emb.checksum() == neo.checksum()


def test_a_path_from_changzhou_university_to_a_firm_avoids_hubs(both_stores):
    # how fast is measured by kg bench, not asserted here
    for store in both_stores:
        for qid in ("paths.shortest", "paths.all_shortest", "paths.k_paths"):
            res = run_named(store, qid, {**PATH, "max_hops": 4})
            assert res.rows, f"{qid} found no path on {store.kind}"
            for row in res.dicts():
                assert row["path_ids"][0] == "cczu" and row["path_ids"][-1] == "niu"
                inner = row["path_labels"][1:-1]
                assert not set(inner) & set(model.hub_labels())


def test_kpi_progress_gives_published_figures_and_never_a_dataset_count_as_progress(both_stores):
    from queries.kpi import progress

    for store in both_stores:
        rows = run_named(store, "kpi.progress").dicts()
        assert len(rows) == 17
        for r in rows:
            assert (r["progress_pct"], r["progress_from"]) == progress(
                r["basis"], target=r["target"], baseline=r["baseline"], latest=r["latest"]), r["target_id"]
        hightech = next(r for r in rows if r["metric"] == "高新技术企业")
        assert hightech["coverage"] is not None  # what the dataset holds, shown apart from progress
        assert hightech["progress_pct"] == round(100 * hightech["baseline"] / 7000, 1) != 0


def test_names_with_quotes_and_cypher_fragments_are_searched_literally(both_stores):
    for store in both_stores:
        for q in ["' OR 1=1 //", '"})-[*]-() DETACH DELETE n //', "\\'", "龙城'实验室"]:
            assert run_named(store, "entity.search", {"q": q}).rows == []
        assert run_named(store, "entity.search", {"q": "龙城实验室"}).rows


def test_a_label_parameter_must_be_a_label_of_the_model(both_stores):
    from queries.library import QueryError

    with pytest.raises(QueryError):
        run_named(both_stores[0], "entity.neighbourhood", {"label": "Park) DETACH DELETE (n", "id": "x"})


# --------------------------------------------------------------------------- k paths against an oracle

PATH_HUBS = set(model.hub_labels())  # the queries' default hubs (the library fills them in)


def _path_graph(G, a, b, rel_types=()):
    """The exported graph as the path queries see it: undirected, the allowed relationship
    types on each edge, hubs removed except the two ends."""
    import networkx as nx

    U = nx.Graph()
    for u, v, rtype in G.edges(keys=True):
        if rel_types and rtype not in rel_types:
            continue
        U.add_edge(u, v)
        U.edges[u, v].setdefault("rels", []).append(rtype)
    inner_ok = [n for n in U if n in (a, b) or G.nodes[n]["label"] not in PATH_HUBS]
    return U.subgraph(inner_ok)


def _path_rows(G, U, node_paths):
    """One row per node path and choice of relationship on each step, in the library's path order."""
    import itertools

    from queries.paths import path_order

    cols = ["hops", "path_labels", "path_ids", "path_names", "path_types"]
    rows = []
    for nodes in node_paths:
        for types in itertools.product(*(U.edges[u, v]["rels"] for u, v in zip(nodes, nodes[1:]))):
            rows.append([len(nodes) - 1, [G.nodes[n]["label"] for n in nodes], [G.nodes[n]["id"] for n in nodes],
                         [G.nodes[n]["name"] for n in nodes], list(types)])
    return sorted(rows, key=lambda r: path_order(cols, r))


def _reference_k_paths(G, a, b, max_hops, k, rel_types=()):
    """Every path without repeated nodes of at most ``max_hops`` between node keys ``a`` and
    ``b`` of the exported graph, through no hub, in the library's path order; the first ``k``."""
    import networkx as nx

    U = _path_graph(G, a, b, rel_types)
    if a not in U or b not in U:
        return []
    return _path_rows(G, U, nx.all_simple_paths(U, a, b, cutoff=max_hops))[:k]


def _reference_shortest(G, a, b, max_hops, most=50):
    """The shortest paths (at most ``max_hops``) of the same graph, in path order; the first ``most``."""
    import networkx as nx

    U = _path_graph(G, a, b)
    if a not in U or b not in U or not nx.has_path(U, a, b) or nx.shortest_path_length(U, a, b) > max_hops:
        return []
    return _path_rows(G, U, nx.all_shortest_paths(U, a, b))[:most]


def _path_pairs(G, n=12, seed=3):
    import random

    import networkx as nx

    orgs = {k for k, d in G.nodes(data=True) if d["label"] in ("University", "College", "Platform", "Firm", "Park")}
    # Each pair is at most 3 hops apart among the organisations, so that every one is connected.
    U = G.subgraph(orgs).to_undirected()
    rng = random.Random(seed)
    pairs = [("University:cczu", "Firm:niu")]
    for a in rng.sample(sorted(k for k in orgs if U.degree(k)), n):
        near = sorted(set(nx.single_source_shortest_path_length(U, a, cutoff=3)) - {a})
        pairs.append((a, rng.choice(near)))
    return pairs


@pytest.mark.parametrize("max_hops,k,rel_types", [(3, 10, ()), (4, 7, ()), (4, 50, ("PART_OF", "CO_BUILDS", "LOCATED_IN", "HOSTED_BY"))])
def test_k_paths_are_exactly_the_first_k_simple_paths_on_both_stores(both_stores, max_hops, k, rel_types):
    emb, neo = both_stores
    G = emb.export()
    checked = 0
    for a, b in _path_pairs(G):
        want = _reference_k_paths(G, a, b, max_hops, k, rel_types)
        (fl, fi), (tl, ti) = a.split(":", 1), b.split(":", 1)
        params = {"from_label": fl, "from_id": fi, "to_label": tl, "to_id": ti, "max_hops": max_hops, "k": k,
                  "rel_types": ",".join(rel_types)}
        for store in (emb, neo):
            got = run_named(store, "paths.k_paths", params)
            assert _normalised(got)[1] == want, f"{a} -> {b} on {store.kind}"
        checked += bool(want)
    assert checked >= 3, "too few of the sampled pairs are connected to test anything"



# 34 path queries per store, depth and sample of pairs (6-8 s each on this machine): the fast
# tier keeps depth 3 with the first sample; CI runs every depth with both.
@pytest.mark.parametrize("max_hops,seed", [(3, 3), *(pytest.param(h, seed, marks=pytest.mark.slow)
                                                      for h, seed in ((3, 5), (4, 3), (4, 5), (6, 3), (6, 5)))])
def test_shortest_paths_are_exactly_the_shortest_simple_paths_on_both_stores(both_stores, max_hops, seed):
    emb, neo = both_stores
    G = emb.export()
    checked = 0
    for a, b in _path_pairs(G, n=16, seed=seed):
        want = _reference_shortest(G, a, b, max_hops)
        (fl, fi), (tl, ti) = a.split(":", 1), b.split(":", 1)
        params = {"from_label": fl, "from_id": fi, "to_label": tl, "to_id": ti, "max_hops": max_hops}
        for store in (emb, neo):
            assert _normalised(run_named(store, "paths.all_shortest", params))[1] == want, f"{a} -> {b} on {store.kind}"
            assert _normalised(run_named(store, "paths.shortest", params))[1] == want[:1], f"{a} -> {b} on {store.kind}"
        checked += bool(want)
    assert checked >= 3, "too few of the sampled pairs are connected to test anything"


# --------------------------------------------------------------------------- the audits find what they look for


def _firm(id_, name):
    return {"id": id_, "name": name, "source": "test", "confidence": "stated"}


def test_likely_duplicates_are_every_pair_a_comparison_of_all_pairs_finds():
    import random

    from ingest.normalize import match_key
    from queries.quality import MIN_CONTAINED, alike_names, pairs_alike

    rng = random.Random(11)
    names = ["".join(rng.choice("天合光能常州") for _ in range(rng.randint(2, 7))) for _ in range(400)]
    names += ["天合光能", "天合光能股份", "天合光能科技", "天合光能（常州）", "天合光能(常州)"]
    items = [(match_key(n), f"id{i}", n) for i, n in enumerate(names)]

    def alike(a, b):
        return a == b or (len(a) >= MIN_CONTAINED and b.startswith(a))

    every_pair = {frozenset((x[1], y[1])) for x in items for y in items
                  if x[1] != y[1] and (alike(x[0], y[0]) or alike(y[0], x[0]))}
    found = {frozenset((r[0], r[2])) for r in pairs_alike(items)}
    assert found == every_pair and len(found) > 50
    assert alike_names(names) == {items[i][2] for pair in every_pair for i in (int(x[2:]) for x in pair)}


def test_the_neo4j_duplicates_text_reads_every_type_the_ladybug_text_reads():
    import re

    from graph.model import entity_labels, labels

    q = load_library()["quality.duplicates"]
    read = re.findall(r"MATCH \(n:(\w+)\)", q.text_for("neo4j"))
    left_out = set(re.findall(r"label\(n\) <> '(\w+)'", q.text_for("ladybug")))
    assert sorted(read) == sorted(entity_labels()) == sorted(set(labels()) - left_out)


def test_the_neo4j_search_text_looks_in_the_indexed_search_key_of_every_entity_type():
    import re

    from graph.model import entity_labels, labels
    from graph.schema import neo4j_schema_statements

    q = load_library()["entity.search"]
    branches = re.findall(r"'(\w+)' IN types\s+MATCH \(n:(\w+)\) WHERE n.search_key CONTAINS q", q.text_for("neo4j"))
    assert [a for a, b in branches if a == b] == entity_labels()
    left_out = set(re.findall(r"label\(n\) <> '(\w+)'", q.text_for("ladybug")))
    assert sorted(entity_labels()) == sorted(set(labels()) - left_out)
    indexed = re.findall(r"CREATE TEXT INDEX \w+ IF NOT EXISTS FOR \(n:(\w+)\) ON \(n.search_key\)",
                         "\n".join(neo4j_schema_statements()))
    assert indexed == entity_labels()


def test_search_keys_are_lower_cased_as_neo4j_lower_cases_the_text_searched_for(both_stores):
    # The Neo4j text looks for lower($q) in keys lower-cased by Python: they must agree.
    _, neo = both_stores
    texts = ["ABC", "Ａｂｃ", "ΣΟΦΟΣ", "STRASSE ẞ", "İstanbul", "ǅ", "ÀÉÎÕÜ", "ᾼ", "КИРИЛЛИЦА", "Ⅻ", "Ⓐ"]
    rows = neo.read("UNWIND $texts AS t RETURN t, lower(t)", {"texts": texts}).rows
    assert [(t, low) for t, low in rows] == [(t, t.lower()) for t in texts]


def test_the_search_key_is_the_name_and_aliases_lower_cased_one_per_line():
    from graph.model import search_key

    assert search_key("ABB 中国", ["Asea Brown Boveri", None]) == "abb 中国\nasea brown boveri"
    assert search_key(None, None) == ""
    assert search_key(5, "X") == "5\nx"  # a wrong type is the store's to refuse, not the key's


def _search(store, q, **params):
    return [(r["label"], r["id"]) for r in run_named(store, "entity.search", {"q": q, **params}).dicts()]


# Reads the bundled data like the tests above: before the tests that clear the shared Neo4j.
def test_the_plan_view_is_what_the_plans_clauses_mention(bundled_store):
    from functools import partial

    from queries.views import plan_view_keys

    keys = plan_view_keys(partial(run_named, bundled_store))
    mentioned = {f"{label}:{r['id']}" for label in ("Platform", "Track")
                 for r in bundled_store.read(f"MATCH (:Clause)-[:MENTIONS]->(n:{label}) RETURN DISTINCT n.id AS id").dicts()}
    assert keys and set(keys) == mentioned and len(keys) == len(mentioned)
    assert {k.partition(":")[0] for k in keys} == {"Platform", "Track"}


def test_search_keys_follow_every_write_and_stay_out_of_the_facts(store):
    store.apply_schema()
    store.load({"Firm": [{"id": "abb", "name": "ABB 中国", "aliases": ["Asea Brown Boveri"],
                          "source": "s", "confidence": "stated"}]}, [])
    assert _search(store, "brown BOVERI") == [("Firm", "abb")]
    # A file without an aliases column renames the firm and keeps the stored aliases.
    store.load({"Firm": [{"id": "abb", "name": "ABB（中国）有限公司", "source": "s", "confidence": "stated"}]}, [])
    assert _search(store, "abb（中国") == [("Firm", "abb")]
    assert _search(store, "asea brown") == [("Firm", "abb")]
    assert _search(store, "ABB 中国") == []
    # Two rows for one id in one load: the key is the node's after both.
    store.load({"Firm": [{"id": "x", "name": "甲公司", "aliases": ["Jia"], "source": "s", "confidence": "stated"},
                         {"id": "x", "name": "乙公司", "source": "s", "confidence": "stated"}]}, [])
    assert _search(store, "jia") == [("Firm", "x")] and _search(store, "甲公司") == []
    # Derived, not a fact: exports and checksums do not carry it.
    assert all("search_key" not in d for _, d in store.export().nodes(data=True))
    # A node written by other means gets its key from refresh_search_keys (kg cypher --write
    # and Neo4j's apply_schema call it).
    store.write("CREATE (:Park {id: 'p', name: 'Wujin 园', source: 's', confidence: 'stated'})")
    key = "MATCH (n:Park {id: 'p'}) RETURN n.search_key"
    assert store.read(key).single_value() is None
    assert store.refresh_search_keys() == 1
    assert store.read(key).single_value() == "wujin 园"
    assert _search(store, "wujin") == [("Park", "p")]
    assert store.refresh_search_keys() == 0
    if store.dialect == "neo4j":  # a database loaded before the key existed gets it from apply_schema
        store.write("MATCH (n) REMOVE n.search_key")
        assert _search(store, "wujin") == []
        store.apply_schema()
        assert _search(store, "wujin") == [("Park", "p")]


def test_the_audits_find_facts_without_a_source_names_alike_and_orphans(store):
    store.apply_schema()
    store.load({"Firm": [_firm("trina", "天合光能"), _firm("trina-co", "天合光能股份有限公司"),
                         _firm("w1", "常州（测试）公司"), _firm("w2", "常州(测试)公司"), _firm("other", "别的公司"),
                         _firm("trina-2", "天合光能股份")],
                "Park": [{"id": "p1", "name": "某园区", "source": "p", "confidence": "stated"}]},
               [{"type": "LOCATED_IN", "from_label": "Firm", "from_id": f, "to_label": "Park", "to_id": "p1",
                 "source": "r", "confidence": "stated"} for f in ("trina", "w1", "other")])
    assert run_named(store, "quality.no_source").rows == []
    store.write("MATCH (n:Firm {id: 'other'}) SET n.source = ''")
    store.write("MATCH (a:Firm {id: 'w1'})-[e:LOCATED_IN]->(b:Park) SET e.confidence = NULL")

    missing = {(r["kind"], r["what"], r["id"]) for r in run_named(store, "quality.no_source").dicts()}
    assert missing == {("node", "Firm", "other"), ("relationship", "LOCATED_IN", "w1 -> p1")}

    alike = {(r["id"], r["other_id"], r["why"]) for r in run_named(store, "quality.duplicates").dicts()}
    assert alike == {("trina", "trina-2", "one name extends the other"),
                     ("trina", "trina-co", "one name extends the other"),
                     ("trina-2", "trina-co", "one name extends the other"), ("w1", "w2", "same name")}

    assert {r["id"] for r in run_named(store, "quality.orphans").dicts()} == {"trina-co", "w2", "trina-2"}


def test_without_documents_the_plan_view_is_every_platform_and_the_tracks_they_serve(store):
    from functools import partial

    from ingest.loader import ingest_paths
    from queries.views import plan_view_keys
    from conftest import BUNDLED

    ingest_paths(store, sorted(p for p in BUNDLED.glob("*.csv")))
    assert not run_named(store, "plan.mentions").rows
    platforms = {r["id"] for r in store.read("MATCH (p:Platform) RETURN p.id AS id").dicts()}
    keys = plan_view_keys(partial(run_named, store))
    assert {k.partition(":")[2] for k in keys if k.startswith("Platform:")} == platforms
    assert any(k.startswith("Track:") for k in keys)


def test_the_search_key_ends_with_the_english_name_and_search_finds_it(store):
    from graph.model import search_key

    assert search_key("常州大学", ["常大"], "Changzhou University") == "常州大学\n常大\nchangzhou university"
    assert search_key("常州大学", ["常大"], "") == search_key("常州大学", ["常大"])
    store.load({"University": [{"id": "cczu", "name": "常州大学", "name_en": "Changzhou University",
                                "source": "https://www.cczu.edu.cn/", "confidence": "stated"},
                               {"id": "czu", "name": "常州工学院", "name_en": None,
                                "source": "https://www.czu.cn/", "confidence": "stated"}]},
               [])
    found = run_named(store, "entity.search", {"q": "changzhou univ", "limit": 5, "types": []}).dicts()
    assert [(r["id"], r["rank"]) for r in found] == [("cczu", 1)]
    exact = run_named(store, "entity.search", {"q": "Changzhou University", "limit": 5, "types": []}).dicts()
    assert [(r["id"], r["rank"]) for r in exact] == [("cczu", 0)]
