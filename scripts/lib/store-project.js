// A Medusa store project of a chosen Medusa version, as `create-medusa-app`
// makes one (minus the admin build), for the install test; and the Medusa
// versions that the plugin's peer range admits, newest patch of each minor.
const { execFile } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const { promisify } = require("node:util")
const { satisfies, UserError } = require("./preflight")

const run = promisify(execFile)
const root = path.resolve(__dirname, "../..")
const versionOf = (name) => require(path.join(root, "node_modules", name, "package.json")).version

/** The Medusa packages a store depends on; all released together, one version. */
const MEDUSA_PACKAGES = ["@medusajs/admin-sdk", "@medusajs/cli", "@medusajs/framework", "@medusajs/medusa"]

/** `npm <args>` in `cwd`; the promise carries the process as `.child`. */
function npm(cwd, args) {
  return run("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  })
}

/**
 * The Medusa versions to install into: `requested` (a comma-separated
 * list, e.g. from INSTALL_TEST_MEDUSA) or, by default, the newest release of
 * every minor line that the plugin's `@medusajs/medusa` peer range admits,
 * as published on npm. A new minor that the range claims is tested as soon
 * as it is out.
 */
async function medusaVersions(requested) {
  if (requested) {
    return requested.split(",").map((v) => v.trim()).filter(Boolean)
  }
  const range = require(path.join(root, "package.json")).peerDependencies["@medusajs/medusa"]
  let published
  try {
    published = JSON.parse((await npm(root, ["view", "@medusajs/medusa", "versions", "--json"])).stdout)
  } catch (error) {
    throw new UserError(
      `Cannot list Medusa's releases on npm (${error.message.split("\n")[0]}). ` +
        "Check the network, or name the versions: INSTALL_TEST_MEDUSA=2.21.2 npm run test:install"
    )
  }
  const newest = new Map()
  for (const version of published) {
    const [major, minor, patch] = version.split(".").map(Number)
    if (!/^\d+\.\d+\.\d+$/.test(version) || !satisfies(version, range)) {
      continue // prereleases and snapshots, or outside the range
    }
    const line = `${major}.${minor}`
    if (!newest.has(line) || newest.get(line)[2] < patch) {
      newest.set(line, [major, minor, patch])
    }
  }
  if (!newest.size) {
    throw new UserError(`No published @medusajs/medusa release satisfies the peer range ${range}.`)
  }
  return [...newest.values()]
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map((v) => v.join("."))
}

/** A store project on Medusa `version`, with the project's TypeScript tooling. */
function writeStoreProject(dir, version) {
  fs.mkdirSync(dir, { recursive: true })
  const tooling = ["@swc/core", "@types/node", "ts-node", "typescript"]
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify(
      {
        name: "existing-store",
        version: "1.0.0",
        private: true,
        dependencies: Object.fromEntries(MEDUSA_PACKAGES.map((name) => [name, version])),
        devDependencies: Object.fromEntries(tooling.map((name) => [name, versionOf(name)])),
        engines: { node: ">=20" },
      },
      null,
      2
    )
  )
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2021",
          esModuleInterop: true,
          module: "Node16",
          moduleResolution: "Node16",
          emitDecoratorMetadata: true,
          experimentalDecorators: true,
          skipLibCheck: true,
          declaration: false,
          inlineSourceMap: true,
          outDir: "./.medusa/server",
          rootDir: "./",
          resolveJsonModule: true,
          strictNullChecks: true,
        },
        "ts-node": { swc: true },
        include: ["**/*", ".medusa/types/*"],
        exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache"],
      },
      null,
      2
    )
  )
  writeConfig(dir, null)
}

/**
 * The store's medusa-config.ts: the plugin registered with `plugin.options`
 * when `plugin` is given (or `pluginsSource`, the TypeScript of a whole
 * `plugins` value), and the admin dashboard only with `admin`.
 */
/**
 * With `production`, REDIS_URL and MEDUSA_WORKER_MODE make the store
 * Medusa's production layout (servers and a worker on Redis for the event
 * bus, the workflow engine and locking), as the README's "In production"
 * sets it up; without REDIS_URL it is one process as before.
 */
const PRODUCTION_HEAD = `const redisUrl = process.env.REDIS_URL || undefined
const redisModules = redisUrl
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [{ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } }],
        },
      },
    ]
  : []

`

function writeConfig(dir, plugin, { admin = false, pluginsSource, production = false } = {}) {
  const plugins =
    pluginsSource ??
    (plugin ? `[{ resolve: "medusa-order-batches", options: ${JSON.stringify(plugin.options)} }]` : null)
  fs.writeFileSync(
    path.join(dir, "medusa-config.ts"),
    `import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

${production ? PRODUCTION_HEAD : ""}module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
${production ? "    redisUrl,\n    workerMode: (process.env.MEDUSA_WORKER_MODE || undefined) as any,\n" : ""}    http: {
      storeCors: process.env.STORE_CORS!,
      adminCors: process.env.ADMIN_CORS!,
      authCors: process.env.AUTH_CORS!,
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  // Built only where a check builds it: it takes a minute or two.
  admin: { disable: ${!admin} },
${plugins ? `  plugins: ${plugins},\n` : ""}${production ? "  modules: redisModules,\n" : ""}})
`
  )
}

/** The version of `name` installed in the project at `dir`. */
const installedVersion = (dir, name) =>
  JSON.parse(fs.readFileSync(path.join(dir, "node_modules", name, "package.json"), "utf8")).version

module.exports = { npm, medusaVersions, writeStoreProject, writeConfig, installedVersion }
