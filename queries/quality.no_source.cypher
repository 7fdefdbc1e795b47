// id: quality.no_source
// title_zh: 缺少来源的数据
// title_en: Facts without a source
// audience: planner
// description: Nodes and relationships whose source or confidence is missing. Every fact should have both.
// shape: table
MATCH (n) WHERE n.source IS NULL OR n.source = '' OR n.confidence IS NULL
RETURN 'node' AS kind, labels(n)[0] AS what, n.id AS id, n.name AS name
UNION ALL
MATCH (a)-[e]->(b) WHERE e.source IS NULL OR e.source = '' OR e.confidence IS NULL
RETURN 'relationship' AS kind, type(e) AS what, a.id + ' -> ' + b.id AS id, a.name + ' -> ' + b.name AS name
