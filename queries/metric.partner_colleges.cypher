// id: metric.partner_colleges
// title_zh: 合作名院数（图中）
// title_en: Colleges with a stated cooperation in the graph
// audience: planner
// description: A KPI metric counted in the graph (what the bundled data holds, not the city-wide statistic).
// shape: table
MATCH (c:College) WHERE EXISTS { MATCH (c)-[:COOPERATES_WITH|CO_BUILDS]->() } RETURN count(c) AS actual
