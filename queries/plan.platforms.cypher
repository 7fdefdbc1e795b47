// id: plan.platforms
// title_zh: 全部平台及其服务的赛道
// title_en: Every platform and the tracks it serves
// audience: presenter
// description: Every platform and every track a platform serves: the plan view when no document is loaded.
// description_zh: 全部平台，以及平台服务的全部赛道：未载入文件时的“行动方案”视图。
// shape: graph
// The two branches ordered together: a UNION ALL's branches may come back in either order.
CALL {
  MATCH (p:Platform)
  RETURN 'Platform' AS label, p.id AS id
  UNION ALL
  MATCH (:Platform)-[:SERVES]->(t:Track)
  WITH DISTINCT t
  RETURN 'Track' AS label, t.id AS id
}
RETURN label, id ORDER BY label, id
