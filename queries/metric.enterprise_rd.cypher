// id: metric.enterprise_rd
// title_zh: 数据集收录：企业研发机构
// title_en: Dataset coverage: Enterprise R&D institutions
// audience: planner
// description: What the dataset holds (数据集收录) for a target's measure: a coverage count of the dataset, never the city's figure nor progress.
// shape: table
MATCH (p:Platform) WHERE p.kind = 'enterprise_rd' RETURN count(p) AS actual
