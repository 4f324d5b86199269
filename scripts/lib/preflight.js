// Checks that run before anything is loaded from node_modules, so that a
// newcomer's first mistake ends in one line that names the fix instead of a
// stack trace from deep inside Medusa.
const fs = require("node:fs")
const net = require("node:net")
const path = require("node:path")

// Medusa 2.21's own engines field; read from the installed package when present.
const FALLBACK_NODE_RANGE = "^20.19.0 || >=22.12.0"

/** A problem the user can fix; printed as one line without a stack trace. */
class UserError extends Error {}

/** Prints the error in one line (its stack only with DEBUG set) and exits. */
function exitWith(error) {
  if (error instanceof UserError || !process.env.DEBUG) {
    console.error(`\n✖ ${error?.message ?? error}`)
    if (!(error instanceof UserError)) {
      console.error("  (run again with DEBUG=1 to see where it happened)")
    }
  } else {
    console.error(error)
  }
  process.exit(1)
}

const parse = (v) => v.replace(/^v/, "").split(".").map((n) => parseInt(n, 10) || 0)
const compare = (a, b) => {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) {
      return a[i] - b[i]
    }
  }
  return 0
}

/** Just enough of semver for an engines field: `^x.y.z` and `>=x.y.z` joined by `||`. */
function satisfies(version, range) {
  const v = parse(version)
  return range.split("||").some((part) => {
    const [, op, bound] = part.trim().match(/^(\^|>=)?\s*v?([\d.]+)$/) ?? []
    if (!bound) {
      return false
    }
    const b = parse(bound)
    return op === "^" ? v[0] === b[0] && compare(v, b) >= 0 : compare(v, b) >= 0
  })
}

function checkNodeVersion(root) {
  let range = FALLBACK_NODE_RANGE
  try {
    range =
      JSON.parse(
        fs.readFileSync(path.join(root, "node_modules/@medusajs/medusa/package.json"), "utf8")
      ).engines?.node ?? range
  } catch {
    // not installed yet: checkInstalled says so next
  }
  if (!satisfies(process.version, range)) {
    throw new UserError(
      `Node ${process.version} is not supported by Medusa (it needs ${range}). ` +
        "Install Node 20.19+ or 22.12+ (e.g. `nvm install 22`) and run the command again."
    )
  }
}

/** The packages a script needs, checked before any of them is required. */
function checkInstalled(root, packages = ["@medusajs/medusa", "@medusajs/cli"]) {
  const missing = packages.filter(
    (name) => !fs.existsSync(path.join(root, "node_modules", name, "package.json"))
  )
  if (missing.length) {
    throw new UserError(
      `Dependencies are not installed (missing ${missing.join(", ")}). Run \`npm install\` in ${root} first.`
    )
  }
}

/** Node and installed dependencies: the checks every entry script starts with. */
function preflight(root, packages) {
  try {
    checkNodeVersion(root)
    checkInstalled(root, packages)
  } catch (error) {
    exitWith(error)
  }
}

/** Whether something already listens on the port (on any interface). */
function isPortInUse(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", (error) =>
      error.code === "EADDRINUSE" ? resolve(true) : reject(error)
    )
    server.once("listening", () => server.close(() => resolve(false)))
    server.listen(port)
  })
}

async function assertPortFree(port, hint) {
  if (await isPortInUse(port)) {
    throw new UserError(`Port ${port} is already in use (is another store running?). ${hint}`)
  }
}

/** A port that was free a moment ago, chosen by the system. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

module.exports = {
  UserError,
  exitWith,
  satisfies,
  checkNodeVersion,
  checkInstalled,
  preflight,
  isPortInUse,
  assertPortFree,
  freePort,
}
