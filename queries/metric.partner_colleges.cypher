// id: metric.partner_colleges
// title_zh: 数据集收录：合作名院
// title_en: Dataset coverage: Colleges with a stated cooperation
// audience: planner
// description: What the dataset holds for a target's measure: a coverage count of the dataset, never the city's figure nor progress.
// description_zh: 数据集对某项目标指标的收录：只是本数据集的收录计数，既不是全市统计，也不是进度。
// shape: table
MATCH (c:College) WHERE EXISTS { MATCH (c)-[:COOPERATES_WITH|CO_BUILDS]->() } RETURN count(c) AS actual
