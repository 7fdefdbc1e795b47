// id: analytics.degree
// title_zh: 度中心性（最多关联的实体）
// title_en: Degree centrality (most connected entities)
// audience: researcher
// description: The entities with the most distinct neighbours (any relationship, either direction), counted in the store.
// description_zh: 连接的不同邻居最多的实体（任意关系、任意方向），在图库中计数。
// param: limit int 20 "most rows"
// param_zh: limit "最多行数"
// shape: graph
MATCH (n)--(m) WHERE n <> m
WITH n, count(DISTINCT m) AS degree
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, degree
ORDER BY degree DESC, label, id
LIMIT $limit
