// The browser tests run a store built from a copy of this repository, taken
// when the run starts: other work in the checkout (edits, `medusa
// plugin:build` writing .medusa/server) can neither restart nor overwrite it.
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")

const root = path.resolve(__dirname, "../..")

/**
 * What a store project needs to build and run: sources, config, seed script,
 * and the test providers that medusa-config.ts registers with
 * TEST_PROVIDERS=true (plain JavaScript, resolved from the store's folder).
 */
const STORE_FILES = [
  "src",
  "dev",
  "medusa-config.ts",
  "tsconfig.json",
  "package.json",
  "integration-tests/fixtures/test-fulfillment",
  "integration-tests/fixtures/test-payment",
]

/**
 * Copies the store project into a new temporary folder, its node_modules
 * linked rather than copied, and returns the folder.
 */
function snapshotStore() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "order-batches-e2e-"))
  for (const name of STORE_FILES) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.cpSync(path.join(root, name), path.join(dir, name), {
      recursive: true,
      // Tests are not part of the store.
      filter: (source) => !source.includes(`${path.sep}__tests__`),
    })
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir")
  return dir
}

module.exports = { snapshotStore }
