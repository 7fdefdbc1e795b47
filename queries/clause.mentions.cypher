// id: clause.mentions
// title_zh: 条款提及的主体
// title_en: What each clause mentions
// audience: planner
// description: The entities each clause names, by clause.
// description_zh: 按条款列出每个条款点名的实体。
// param: document string '' "only this document's number or id (empty = all)"
// param_zh: document "只看这份文件（文号或 ID；空 = 全部）"
// shape: table
MATCH (d:Document)-[:HAS_CLAUSE]->(c:Clause)
WHERE $document = '' OR d.id = $document OR d.number = $document
OPTIONAL MATCH (c)-[:MENTIONS]->(n)
RETURN d.number AS document, c.number AS clause_no, c.title AS clause, count(n) AS mentions, collect(n.name) AS names
ORDER BY document, clause_no
