// id: metric.platforms_provincial
// title_zh: 数据集收录：省级以上科创平台
// title_en: Dataset coverage: Provincial-or-higher platforms
// audience: planner
// description: What the dataset holds for a target's measure: a coverage count of the dataset, never the city's figure nor progress.
// description_zh: 数据集对某项目标指标的收录：只是本数据集的收录计数，既不是全市统计，也不是进度。
// shape: table
MATCH (p:Platform) WHERE p.level IN ['国家级', '省级'] RETURN count(p) AS actual
