// id: plan.mentions
// title_zh: 行动方案条款提及的平台与赛道
// title_en: Platforms and tracks the plan's clauses mention
// audience: presenter
// description: The platforms and tracks named by a clause of a loaded document: the nodes of the presenter's plan view.
// description_zh: 已载入文件的条款点名的平台和赛道：演示模式“行动方案”视图的节点。
// shape: graph
// Each branch ordered, the two concatenated (UNION ALL): the same rows in the same order on both stores.
MATCH (:Document)-[:HAS_CLAUSE]->(:Clause)-[:MENTIONS]->(n:Platform)
WITH DISTINCT n
RETURN 'Platform' AS label, n.id AS id ORDER BY id
UNION ALL
MATCH (:Document)-[:HAS_CLAUSE]->(:Clause)-[:MENTIONS]->(n:Track)
WITH DISTINCT n
RETURN 'Track' AS label, n.id AS id ORDER BY id
