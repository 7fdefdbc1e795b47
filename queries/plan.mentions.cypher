// id: plan.mentions
// title_zh: 行动方案条款提及的平台与赛道
// title_en: Platforms and tracks the plan's clauses mention
// audience: presenter
// description: The platforms and tracks named by a clause of a loaded document: the nodes of the presenter's plan view.
// description_zh: 已载入文件的条款点名的平台和赛道：演示模式“行动方案”视图的节点。
// shape: graph
// One match over both labels, ordered once: the branches of a UNION ALL may come back in either
// order (LadybugDB returned the tracks first), so the two stores would not give the same rows.
MATCH (:Document)-[:HAS_CLAUSE]->(:Clause)-[:MENTIONS]->(n)
WHERE n:Platform OR n:Track
RETURN DISTINCT CASE WHEN n:Platform THEN 'Platform' ELSE 'Track' END AS label, n.id AS id
ORDER BY label, id
