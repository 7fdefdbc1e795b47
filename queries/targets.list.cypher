// id: targets.list
// title_zh: 政策目标清单
// title_en: Targets of the documents
// audience: planner
// description: Every quantitative target with the clause that sets it.
// description_zh: 每项量化目标及设定它的条款。
// shape: table
MATCH (d:Document)-[:HAS_CLAUSE]->(c:Clause)-[:SETS]->(t:Target)
RETURN d.number AS document, c.number AS clause_no, c.title AS clause, t.id AS target_id, t.metric AS metric,
       t.comparator AS comparator, t.value AS value, t.unit AS unit, t.period AS period, t.phrase AS phrase
ORDER BY document, clause_no, target_id
