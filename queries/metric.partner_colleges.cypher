// id: metric.partner_colleges
// title_zh: 数据集收录：合作名院
// title_en: Dataset coverage: Colleges with a stated cooperation
// audience: planner
// description: What the dataset holds (数据集收录) for a target's measure: a coverage count of the dataset, never the city's figure nor progress.
// shape: table
MATCH (c:College) WHERE EXISTS { MATCH (c)-[:COOPERATES_WITH|CO_BUILDS]->() } RETURN count(c) AS actual
