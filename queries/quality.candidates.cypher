// id: quality.candidates
// title_zh: 待审候选实体
// title_en: Candidate entities from documents
// audience: planner
// description: Quoted names in document clauses that match no entity yet, and ambiguous numbers kept out of Targets: to review and, if real, add to the data.
// description_zh: 文件条款中加引号、但尚未对应任何实体的名称，以及未计入目标的含糊数值（数值 …）：供审核，属实的补入数据。
// shape: table
MATCH (c:Clause) WHERE c.candidates IS NOT NULL AND size(c.candidates) > 0
UNWIND c.candidates AS candidate
RETURN candidate, c.id AS clause_id, c.title AS clause
ORDER BY candidate, clause_id
