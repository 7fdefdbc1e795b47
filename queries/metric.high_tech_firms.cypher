// id: metric.high_tech_firms
// title_zh: 高新技术企业数（图中）
// title_en: High-tech firms in the graph
// audience: planner
// description: A KPI metric counted in the graph (what the bundled data holds, not the city-wide statistic).
// shape: table
MATCH (f:Firm)-[:IN_TIER]->(t:Tier) WHERE t.name CONTAINS '高新技术企业' RETURN count(DISTINCT f) AS actual
