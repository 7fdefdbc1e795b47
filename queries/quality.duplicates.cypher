// id: quality.duplicates
// title_zh: 疑似重复实体
// title_en: Likely duplicates
// audience: planner
// description: Pairs of entities of the same type whose names are alike (equal once width, spaces and brackets are ignored, or one contained in the other). The names are read here; the comparison runs in Python over sorted names, so it stays fast on large graphs.
// shape: table
MATCH (n) WHERE NOT n:Clause AND NOT n:Target AND NOT n:Document
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name
ORDER BY label, id
