// Small PostgreSQL client helpers over `pg`: URLs, reachability with a
// message that says what to do, and database create/drop/query.
const { UserError } = require("./preflight")

const connectionUrl = ({ host, port, user, password }, database) =>
  `postgres://${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ""}` +
  `@${host}:${port}/${encodeURIComponent(database)}`

/** The parts of a postgres:// URL. */
function parseUrl(url) {
  const u = new URL(url)
  return {
    conn: {
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
    },
    database: decodeURIComponent(u.pathname.slice(1)),
  }
}

async function withClient(conn, database, fn) {
  const { Client } = require("pg")
  const client = new Client({ ...conn, database, connectionTimeoutMillis: 5_000 })
  client.on("error", () => {}) // a server shutting down mid-query
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

async function canConnect(conn, database = "postgres") {
  try {
    await withClient(conn, database, async () => {})
    return true
  } catch {
    return false
  }
}

/**
 * Throws one line that says what to do when the server cannot be reached;
 * `fix` names the way out for the command at hand.
 */
async function assertReachable(conn, what, fix, database = "postgres") {
  try {
    await withClient(conn, database, async () => {})
  } catch (error) {
    const reason =
      error.code === "ECONNREFUSED"
        ? "nothing listens there"
        : error.code === "ENOTFOUND"
          ? "unknown host"
          : error.code === "28P01" || error.code === "28000"
            ? "the user name or password is wrong"
            : error.code === "3D000"
              ? `database "${database}" does not exist`
              : error.message
    throw new UserError(`Cannot reach PostgreSQL at ${conn.host}:${conn.port} (${what}): ${reason}. ${fix}`)
  }
}

const quote = (name) => `"${name.replace(/"/g, '""')}"`

async function databaseExists(conn, name) {
  return await withClient(conn, "postgres", async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
    return rowCount > 0
  })
}

async function createDatabase(conn, name) {
  await withClient(conn, "postgres", (client) => client.query(`CREATE DATABASE ${quote(name)}`))
}

async function dropDatabase(conn, name) {
  await withClient(conn, "postgres", (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`)
  )
}

/** Runs one query on a database and returns its rows. */
async function query(conn, database, sql, params) {
  return await withClient(conn, database, async (client) => (await client.query(sql, params)).rows)
}

module.exports = {
  connectionUrl,
  parseUrl,
  canConnect,
  assertReachable,
  databaseExists,
  createDatabase,
  dropDatabase,
  query,
}
