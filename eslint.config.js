// Medusa's own lint rules (@medusajs/eslint-plugin, recommended preset):
// its conventions for routes, modules, workflows, subscribers, links and
// admin extensions.
const medusa = require("@medusajs/eslint-plugin")

module.exports = [
  { ignores: ["node_modules/**", ".medusa/**", ".cache/**", ".data/**", "dist/**"] },
  ...medusa.configs.recommended,
]
