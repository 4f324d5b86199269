import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { Migration20261129173600 } from "../migrations/Migration20261129173600"
import { Migration20261204030000 } from "../migrations/Migration20261204030000"
import { Migration20261204031000 } from "../migrations/Migration20261204031000"
import { Migration20261204040000 } from "../migrations/Migration20261204040000"

/**
 * A module test loads this module alone, without Medusa's order module, and
 * builds its tables from the models rather than the migrations. So this
 * stands in the columns of the `order` table that the plugin reads, then
 * runs the plugin's hand-written migrations (the queueing trigger on that
 * table and the closed-batch guards) as a store's db:migrate would. The HTTP
 * tests run against the real order module, and the install test against a
 * store migrated by Medusa's own CLI.
 */
export async function createOrderTable(manager: SqlEntityManager) {
  await manager.execute(`
    CREATE TABLE IF NOT EXISTS "order" (
      id text PRIMARY KEY,
      currency_code text NOT NULL,
      is_draft_order boolean NOT NULL DEFAULT false,
      canceled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    );
    TRUNCATE "order";
  `)
  for (const Hand of [
    Migration20261129173600,
    Migration20261204030000,
    Migration20261204031000,
    Migration20261204040000,
  ]) {
    const migration = new Hand(manager.getDriver(), manager.config)
    await migration.up()
    for (const sql of migration.getQueries()) {
      await manager.execute(typeof sql === "string" ? sql : sql.toString())
    }
  }
}

export async function insertOrders(
  manager: SqlEntityManager,
  orders: { id: string; currency_code: string; is_draft_order?: boolean; created_at?: string }[]
) {
  for (const order of orders) {
    await manager.execute(
      `INSERT INTO "order" (id, currency_code, is_draft_order, created_at) VALUES (?, ?, ?, coalesce(?::timestamptz, now()))`,
      [order.id, order.currency_code, order.is_draft_order ?? false, order.created_at ?? null]
    )
  }
}
