// id: metric.unicorns
// title_zh: 独角兽（潜在）企业数（图中）
// title_en: (Potential) unicorns in the graph
// audience: planner
// description: A KPI metric counted in the graph (what the bundled data holds, not the city-wide statistic).
// shape: table
MATCH (f:Firm)-[:IN_TIER]->(t:Tier) WHERE t.name CONTAINS '独角兽' RETURN count(DISTINCT f) AS actual
