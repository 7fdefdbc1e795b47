// id: metric.scenarios
// title_zh: 数据集收录：应用场景
// title_en: Dataset coverage: Scenarios
// audience: planner
// description: What the dataset holds (数据集收录) for a target's measure: a coverage count of the dataset, never the city's figure nor progress.
// shape: table
MATCH (s:Scenario) RETURN count(s) AS actual
