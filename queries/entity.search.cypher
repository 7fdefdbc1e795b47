// id: entity.search
// title_zh: 按名称或别名搜索
// title_en: Search by name or alias
// audience: researcher
// description: Entities whose name or an alias contains the text (case-insensitive), optionally of some types only.
// param: q string '' "text to look for"
// param: types labels '' "only these types (comma-separated), e.g. Platform,College"
// param: limit int 50 "most results"
// shape: graph
WITH lower($q) AS q, $types AS types
MATCH (n)
WHERE NOT n:Clause AND NOT n:Target AND NOT n:Document
  AND (size(types) = 0 OR labels(n)[0] IN types)
  AND (q = '' OR lower(n.name) CONTAINS q OR any(a IN coalesce(n.aliases, []) WHERE lower(a) CONTAINS q))
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.aliases AS aliases,
       CASE WHEN lower(n.name) = q THEN 0 WHEN lower(n.name) STARTS WITH q THEN 1 ELSE 2 END AS rank
ORDER BY rank, size(n.name), name, label, id
LIMIT $limit
