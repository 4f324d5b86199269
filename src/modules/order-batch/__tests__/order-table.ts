import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/**
 * A module test loads this module alone, without Medusa's order module, so
 * it stands in the columns of the `order` table that a close's sweep reads.
 * The HTTP tests run the sweep against the real order module.
 */
export async function createOrderTable(manager: SqlEntityManager) {
  await manager.execute(`
    CREATE TABLE IF NOT EXISTS "order" (
      id text PRIMARY KEY,
      currency_code text NOT NULL,
      is_draft_order boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    );
    TRUNCATE "order";
  `)
}

export async function insertOrders(
  manager: SqlEntityManager,
  orders: { id: string; currency_code: string; is_draft_order?: boolean }[]
) {
  for (const order of orders) {
    await manager.execute(
      `INSERT INTO "order" (id, currency_code, is_draft_order) VALUES (?, ?, ?)`,
      [order.id, order.currency_code, order.is_draft_order ?? false]
    )
  }
}
