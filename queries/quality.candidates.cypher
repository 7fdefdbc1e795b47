// id: quality.candidates
// title_zh: 待审候选实体
// title_en: Candidate entities from documents
// audience: planner
// description: Quoted names in document clauses that match no entity yet, and ambiguous numbers (数值 …) kept out of Targets — to review and, if real, add to the data.
// shape: table
MATCH (c:Clause) WHERE c.candidates IS NOT NULL AND size(c.candidates) > 0
UNWIND c.candidates AS candidate
RETURN candidate, c.id AS clause_id, c.title AS clause
ORDER BY candidate, clause_id
