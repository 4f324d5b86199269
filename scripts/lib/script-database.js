// The PostgreSQL of a script test (cluster, faults): the server in DB_HOST
// (or DATABASE_URL's) where one is set, as `npm test` reads it, else an
// embedded one started for the run. Either way the test gets a database of
// its own, dropped at the end.
const crypto = require("node:crypto")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const pg = require("./postgres")

/**
 * `{ conn, url, query, stop, embedded }` for a new database named after
 * `name`. `embedded: true` forces an embedded server (a test that stops and
 * restarts it must own it); its data lives in a temporary folder.
 */
async function scriptDatabase(name, { embedded = false, log = () => {} } = {}) {
  const database = `${name}_${crypto.randomBytes(4).toString("hex")}`
  const external = !embedded && (process.env.DB_HOST || process.env.DATABASE_URL)
  let conn
  let server = null
  let tmp = null
  if (external) {
    conn = process.env.DB_HOST
      ? {
          host: process.env.DB_HOST,
          port: Number(process.env.DB_PORT || 5432),
          user: process.env.DB_USERNAME || "postgres",
          password: process.env.DB_PASSWORD || "",
        }
      : pg.parseUrl(process.env.DATABASE_URL).conn
    await pg.assertReachable(conn, process.env.DB_HOST ? "DB_HOST" : "DATABASE_URL", "Start it, or unset DB_HOST and DATABASE_URL to use an embedded PostgreSQL.")
    log(`PostgreSQL at ${conn.host}:${conn.port}, database ${database}`)
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), `order-batches-${name}-pg-`))
    server = await pg.startEmbeddedPostgres({ dataDir: path.join(tmp, "data"), ownedUpTo: tmp, fast: true })
    conn = { host: server.host, port: server.port, user: server.user, password: server.password }
    log(`embedded PostgreSQL on port ${server.port}`)
  }
  await pg.createDatabase(conn, database)

  const { Pool } = require("pg")
  const pool = new Pool({ ...conn, database, max: 3, connectionTimeoutMillis: 5_000 })
  pool.on("error", () => {}) // a server restarted under an idle client
  const query = async (sql, params) => (await pool.query(sql, params)).rows

  async function stop() {
    await pool.end().catch(() => {})
    if (server) {
      await server.stop()
      fs.rmSync(tmp, { recursive: true, force: true })
    } else {
      await pg.dropDatabase(conn, database).catch(() => {})
    }
  }

  /**
   * Stops the embedded server (PostgreSQL's fast shutdown: open sessions are
   * ended) and, `downMs` later, starts it again on the same port and data.
   */
  async function restart(downMs = 0) {
    if (!server) {
      throw new Error("only an embedded PostgreSQL of the run can be restarted")
    }
    const { dataDir, port } = server
    await server.stop()
    await new Promise((resolve) => setTimeout(resolve, downMs))
    server = await pg.startEmbeddedPostgres({ dataDir, port, ownedUpTo: tmp, fast: true })
  }

  return { conn, database, url: pg.connectionUrl(conn, database), query, restart, stop }
}

module.exports = { scriptDatabase }
