// id: metric.enterprise_rd
// title_zh: 企业研发机构数（图中）
// title_en: Enterprise R&D institutions in the graph
// audience: planner
// description: A KPI metric counted in the graph (what the bundled data holds, not the city-wide statistic).
// shape: table
MATCH (p:Platform) WHERE p.kind = 'enterprise_rd' RETURN count(p) AS actual
