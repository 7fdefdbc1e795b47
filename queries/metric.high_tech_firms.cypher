// id: metric.high_tech_firms
// title_zh: 数据集收录：高新技术企业
// title_en: Dataset coverage: High-tech firms
// audience: planner
// description: What the dataset holds (数据集收录) for a target's measure: a coverage count of the dataset, never the city's figure nor progress.
// shape: table
MATCH (f:Firm)-[:IN_TIER]->(t:Tier) WHERE t.name CONTAINS '高新技术企业' RETURN count(DISTINCT f) AS actual
