// id: metric.enterprise_rd
// title_zh: 数据集收录：企业研发机构
// title_en: Dataset coverage: Enterprise R&D institutions
// audience: planner
// description: What the dataset holds for a target's measure: a coverage count of the dataset, never the city's figure nor progress.
// description_zh: 数据集对某项目标指标的收录：只是本数据集的收录计数，既不是全市统计，也不是进度。
// shape: table
MATCH (p:Platform) WHERE p.kind = 'enterprise_rd' RETURN count(p) AS actual
