// id: metric.technology_managers
// title_zh: 数据集收录：科技副总
// title_en: Dataset coverage: Technology deputy general managers
// audience: planner
// description: What the dataset holds for a target's measure: a coverage count of the dataset, never the city's figure nor progress.
// description_zh: 数据集对某项目标指标的收录：只是本数据集的收录计数，既不是全市统计，也不是进度。
// shape: table
MATCH (p:Person)-[e:SERVES_AS]->(:Firm) WHERE e.role CONTAINS '科技副总' RETURN count(DISTINCT p) AS actual
