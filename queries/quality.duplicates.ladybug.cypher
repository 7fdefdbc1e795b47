MATCH (n) WHERE label(n) <> 'Clause' AND label(n) <> 'Target' AND label(n) <> 'Document' AND n.name IS NOT NULL
RETURN label(n) AS label, collect(n.name) AS names
ORDER BY label
