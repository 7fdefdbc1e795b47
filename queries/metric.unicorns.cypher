// id: metric.unicorns
// title_zh: 数据集收录：独角兽（潜在）企业
// title_en: Dataset coverage: (Potential) unicorns
// audience: planner
// description: What the dataset holds for a target's measure: a coverage count of the dataset, never the city's figure nor progress.
// description_zh: 数据集对某项目标指标的收录：只是本数据集的收录计数，既不是全市统计，也不是进度。
// shape: table
MATCH (f:Firm)-[:IN_TIER]->(t:Tier) WHERE t.name CONTAINS '独角兽' RETURN count(DISTINCT f) AS actual
