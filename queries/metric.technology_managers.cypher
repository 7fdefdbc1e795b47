// id: metric.technology_managers
// title_zh: 数据集收录：科技副总
// title_en: Dataset coverage: 科技副总
// audience: planner
// description: What the dataset holds (数据集收录) for a target's measure: a coverage count of the dataset, never the city's figure nor progress.
// shape: table
MATCH (p:Person)-[e:SERVES_AS]->(:Firm) WHERE e.role CONTAINS '科技副总' RETURN count(DISTINCT p) AS actual
