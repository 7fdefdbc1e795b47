// id: overview.counts
// title_zh: 各类实体数量
// title_en: Entities by type
// audience: planner
// description: How many nodes of each type the graph holds.
// description_zh: 图中每种类型各有多少个节点。
// shape: table
MATCH (n) WHERE NOT n:_Meta RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label
