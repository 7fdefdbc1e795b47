// id: metric.technology_managers
// title_zh: 科技副总人数（图中）
// title_en: 科技副总 in the graph
// audience: planner
// description: A KPI metric counted in the graph (what the bundled data holds, not the city-wide statistic).
// shape: table
MATCH (p:Person)-[e:SERVES_AS]->(:Firm) WHERE e.role CONTAINS '科技副总' RETURN count(DISTINCT p) AS actual
