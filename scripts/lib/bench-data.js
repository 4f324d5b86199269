// What `npm run bench` does to the database directly: large stores made in
// minutes by SQL copies of real placed orders, the plugin's order trigger
// turned off while the store without the plugin is measured, the queue that
// the trigger fills worked off as the plugin's reconcile job would, and a long
// history of closed batches.
const { parseUrl } = require("./pg-client")

/** Medusa's tables that belong to one order and are copied with it. */
const ORDER_CHILDREN = ["order_summary", "order_item", "order_shipping"]
const TRIGGER = "order_batch_queue_order"

/** One client for the whole run; queries are logged on failure only. */
async function connect(databaseUrl) {
  const { Client } = require("pg")
  const { conn, database } = parseUrl(databaseUrl)
  const client = new Client({ ...conn, database })
  client.on("error", () => {})
  await client.connect()
  const columns = async (table, except) =>
    (
      await client.query(
        `SELECT column_name FROM information_schema.columns
          WHERE table_name = $1 AND table_schema = current_schema() AND NOT (column_name = ANY($2))
          ORDER BY ordinal_position`,
        [table, except]
      )
    ).rows.map((r) => `"${r.column_name}"`)
  const one = async (sql, params) => (await client.query(sql, params)).rows[0]
  return { client, columns, one, sql: (text, params) => client.query(text, params), end: () => client.end() }
}

/**
 * Copies the placed order `sourceId` `count` times, numbered from `from`, with
 * its summary, items (pointing at the same line items) and shipping, as an
 * import would write them: the copies never raise order.placed. Each copy is
 * placed one second before the previous one, so a range of copies is a range
 * of `created_at` that Medusa's order filters can name. Inserted in chunks so
 * that no single statement holds a million rows' worth of locks.
 */
async function copyOrders(db, { sourceId, from, count, chunk = 50_000, onProgress = () => {} }) {
  const orderColumns = await db.columns("order", ["id", "display_id", "created_at", "updated_at"])
  const children = []
  for (const table of ORDER_CHILDREN) {
    children.push([table, await db.columns(table, ["id", "order_id", "created_at", "updated_at"])])
  }
  const { created_at: base } = await db.one(`SELECT created_at FROM "order" WHERE id = $1`, [sourceId])
  for (let start = from; start < from + count; start += chunk) {
    const end = Math.min(from + count, start + chunk) - 1
    await db.sql("BEGIN")
    await db.sql(
      `INSERT INTO "order" (id, created_at, updated_at, ${orderColumns.join(", ")})
       SELECT 'order_bench_' || g, $2::timestamptz - make_interval(secs => g), $2::timestamptz - make_interval(secs => g),
              ${orderColumns.map((c) => `o.${c}`).join(", ")}
         FROM "order" o, generate_series($3::int, $4::int) g
        WHERE o.id = $1`,
      [sourceId, base, start, end]
    )
    for (const [table, columns] of children) {
      await db.sql(
        `INSERT INTO ${table} (id, order_id, created_at, updated_at${columns.map((c) => `, ${c}`).join("")})
         SELECT t.id || '_bench_' || g, 'order_bench_' || g, t.created_at, t.updated_at${columns.map((c) => `, t.${c}`).join("")}
           FROM ${table} t, generate_series($2::int, $3::int) g
          WHERE t.order_id = $1 AND t.deleted_at IS NULL`,
        [sourceId, start, end]
      )
    }
    await db.sql("COMMIT")
    onProgress(end - from + 1)
  }
  // Fresh statistics before anything joins the copies: planned on the
  // numbers of a store a hundred times smaller, the drain's join to the
  // order summaries ran for minutes instead of seconds.
  for (const table of ["order", ...ORDER_CHILDREN, "order_batch_pending_order"]) {
    await db.sql(`ANALYZE "${table}"`)
  }
  return { newest: base, from, to: from + count - 1 }
}

/** The created_at range of copies numbered `from` to `to` (inclusive). */
function copiesRange(base, from, to) {
  const at = (g) => new Date(new Date(base).getTime() - g * 1000).toISOString()
  return { gte: at(to), lte: at(from) }
}

/** The plugin's order trigger on or off: off while the store without the plugin is measured. */
async function setTrigger(db, on) {
  await db.sql(`ALTER TABLE "order" ${on ? "ENABLE" : "DISABLE"} TRIGGER ${TRIGGER}`)
}

/**
 * Does the reconcile job's work (queued orders into the open batch) in large
 * chunks, with each order's total read from its summary as the job's totals
 * fill would, so that measurements start from a settled store rather than
 * one whose worker is still catching up. Returns the orders assigned.
 */
async function drainQueue(db, { chunk = 50_000, onProgress = () => {} } = {}) {
  let assigned = 0
  for (;;) {
    const open = await db.one(`SELECT id FROM order_batch WHERE status = 'open' AND deleted_at IS NULL`)
    if (!open) {
      return assigned // no batch yet: the first close creates one and takes the queue
    }
    const { rowCount } = await db.sql(
      `WITH taken AS (
         DELETE FROM order_batch_pending_order q
          WHERE q.order_id IN (SELECT order_id FROM order_batch_pending_order LIMIT $2)
         RETURNING q.order_id
       )
       INSERT INTO order_batch_order (order_id, batch_id, placed_at, currency_code, canceled_at, total, raw_total)
       SELECT o.id, $1, o.created_at, o.currency_code, o.canceled_at, s.total,
              jsonb_build_object('value', s.total::text, 'precision', 20)
         FROM taken t JOIN "order" o ON o.id = t.order_id
         LEFT JOIN LATERAL (
           SELECT (totals->>'current_order_total')::numeric AS total FROM order_summary
            WHERE order_id = o.id AND deleted_at IS NULL ORDER BY version DESC LIMIT 1
         ) s ON true
        WHERE o.is_draft_order = false AND o.deleted_at IS NULL
       ON CONFLICT (order_id) DO NOTHING`,
      [open.id, chunk]
    )
    const { n } = await db.one(`SELECT count(*)::int AS n FROM order_batch_pending_order`)
    assigned += rowCount
    onProgress(assigned)
    if (!n) {
      await fillMissingTotals(db)
      return assigned
    }
  }
}

/**
 * The reconcile job drains the queue by itself too, a page at a time while
 * the copies are made, and leaves those orders' totals to its fill; this
 * does that fill at once, so that no login is measured while the server's
 * own job is still reading thousands of totals beside it.
 */
async function fillMissingTotals(db) {
  await db.sql(
    `UPDATE order_batch_order a
        SET total = s.total, raw_total = jsonb_build_object('value', s.total::text, 'precision', 20)
       FROM (SELECT DISTINCT ON (order_id) order_id, (totals->>'current_order_total')::numeric AS total
               FROM order_summary
              WHERE deleted_at IS NULL
                AND order_id IN (SELECT order_id FROM order_batch_order WHERE total IS NULL AND deleted_at IS NULL)
              ORDER BY order_id, version DESC) s
      WHERE a.order_id = s.order_id AND a.total IS NULL`
  )
}

/**
 * Adds `count` closed, empty batches below the open one (renumbering the open
 * batch upwards), as a store whose administrators have logged in `count`
 * times more would have. Closed by `userId` at login, a minute apart.
 */
async function addClosedBatches(db, count, userId) {
  const open = await db.one(`SELECT id, number FROM order_batch WHERE status = 'open' AND deleted_at IS NULL`)
  await db.sql("BEGIN")
  await db.sql(`UPDATE order_batch SET number = number + $2 WHERE id = $1`, [open.id, count])
  await db.sql(
    `INSERT INTO order_batch (id, number, status, opened_at, closed_at, closed_by, close_reason)
     SELECT 'obat_bench_' || g, $1::int + g, 'closed', now() - make_interval(mins => $2::int - g + 1),
            now() - make_interval(mins => $2::int - g), $3, 'login'
       FROM generate_series(0, $2::int - 1) g`,
    [open.number, count, userId]
  )
  await db.sql("COMMIT")
  await db.sql("ANALYZE order_batch")
}

/** Batches by number with their order counts, for picking the ones to measure. */
async function batchSizes(db) {
  const { rows } = await db.sql(
    `SELECT b.number, b.status, count(a.order_id)::int AS orders
       FROM order_batch b LEFT JOIN order_batch_order a ON a.batch_id = b.id AND a.deleted_at IS NULL
      WHERE b.deleted_at IS NULL GROUP BY b.id, b.number, b.status ORDER BY b.number`
  )
  return rows
}

/**
 * Removes what is left of the plugin in the database: its tables, its
 * trigger and functions, and its migrations' records (named after the
 * installed package's migration files). Returns the tables it found.
 */
async function removePlugin(db, project) {
  const fs = require("node:fs")
  const path = require("node:path")
  const dir = path.join(project, "node_modules", "medusa-order-batches", ".medusa", "server", "src", "modules", "order-batch", "migrations")
  const names = fs.readdirSync(dir).filter((f) => /^Migration\d+\.js$/.test(f)).map((f) => f.replace(/\.js$/, ""))
  const { rows } = await db.sql(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'order_batch%' AND table_schema = current_schema()`)
  await db.sql(`DROP TRIGGER IF EXISTS order_batch_queue_order ON "order"`)
  for (const { table_name } of rows) {
    await db.sql(`DROP TABLE IF EXISTS "${table_name}" CASCADE`)
  }
  for (const fn of ["order_batch_queue_order", "order_batch_refuse_closed_membership", "order_batch_refuse_reopen"]) {
    await db.sql(`DROP FUNCTION IF EXISTS ${fn}() CASCADE`)
  }
  await db.sql(`DROP SEQUENCE IF EXISTS order_batch_queue_missed, order_batch_queue_swept`)
  await db.sql(`DELETE FROM mikro_orm_migrations WHERE name = ANY($1)`, [names])
  await db.sql(`DELETE FROM script_migrations WHERE script_name LIKE 'create-order-batch-queue.%'`)
  return rows.map((r) => r.table_name)
}

/** Non-draft orders in the store. */
async function orderCount(db) {
  return (await db.one(`SELECT count(*)::int AS n FROM "order" WHERE is_draft_order = false AND deleted_at IS NULL`)).n
}

/** When Medusa's own order export (POST /admin/orders/export) posted its result to the feed. */
async function exportNotification(db, since) {
  return await db.one(
    `SELECT created_at, data->>'description' AS description FROM notification
      WHERE data->>'title' = 'Order export' AND created_at >= $1 ORDER BY created_at LIMIT 1`,
    [since]
  )
}

module.exports = {
  connect,
  copyOrders,
  copiesRange,
  setTrigger,
  drainQueue,
  addClosedBatches,
  batchSizes,
  orderCount,
  exportNotification,
  removePlugin,
}
