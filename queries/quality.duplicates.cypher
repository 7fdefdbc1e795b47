// id: quality.duplicates
// title_zh: 疑似重复实体
// title_en: Likely duplicates
// audience: planner
// description: Pairs of entities of the same type whose names are alike (equal once width, spaces and brackets are ignored, or one contained in the other). The names are read here, one list per type; the comparison runs in Python over sorted names, so it stays fast on large graphs.
// shape: table
// One row per type with its [id, name] pairs: a hundred thousand single rows cost the Python
// drivers far more time than the same values in a few lists.
MATCH (n) WHERE NOT n:Clause AND NOT n:Target AND NOT n:Document AND n.name IS NOT NULL
RETURN labels(n)[0] AS label, collect([n.id, n.name]) AS items
ORDER BY label
