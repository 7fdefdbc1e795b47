// id: console.example
// title_zh: 示例：前 20 个平台
// title_en: Example: the first 20 platforms
// audience: researcher
// description: The text the Cypher console starts with: a read-only query to edit.
// description_zh: Cypher 控制台的初始文本：一条可修改的只读查询。
// shape: table
MATCH (n:Platform) RETURN n.id AS id, n.name AS name ORDER BY id LIMIT 20
