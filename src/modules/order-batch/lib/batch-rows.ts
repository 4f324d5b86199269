import { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { BatchCloseReason, BatchDTO, BatchStatus } from "../types"

export type BatchRow = Omit<BatchDTO, "order_count" | "totals">

const BATCH_COLUMNS = [
  "id",
  "number",
  "status",
  "opened_at",
  "closed_at",
  "closed_by",
  "close_reason",
  "printed_at",
  "printed_by",
  "exported_at",
  "exported_by",
]

const batches = (knex: Knex) =>
  knex("order_batch").select(BATCH_COLUMNS).whereNull("deleted_at")

export async function findOpenBatch(knex: Knex): Promise<BatchRow | undefined> {
  return await batches(knex).where("status", "open").first()
}

export async function findBatchByNumber(
  knex: Knex,
  number: number
): Promise<BatchRow | undefined> {
  return await batches(knex).where("number", number).first()
}

export async function findBatchById(
  knex: Knex,
  id: string
): Promise<BatchRow | undefined> {
  return await batches(knex).where("id", id).first()
}

export async function findNewestClosedBatch(
  knex: Knex
): Promise<BatchRow | undefined> {
  return await batches(knex)
    .where("status", "closed")
    .orderBy("number", "desc")
    .first()
}

export async function listBatchRows(
  knex: Knex,
  { skip, take }: { skip: number; take: number }
): Promise<[BatchRow[], number]> {
  const [rows, [{ count }]] = await Promise.all([
    batches(knex).orderBy("number", "desc").offset(skip).limit(take),
    knex("order_batch").whereNull("deleted_at").count({ count: "*" }),
  ])
  return [rows, Number(count)]
}

export async function numberRange(
  knex: Knex
): Promise<{ min: number | null; max: number | null }> {
  const row = await knex("order_batch")
    .whereNull("deleted_at")
    .min({ min: "number" })
    .max({ max: "number" })
    .first()
  return { min: row?.min ?? null, max: row?.max ?? null }
}

/**
 * Inserts an open batch. Under the rotation lock it cannot conflict; under
 * the shared assignment lock two first orders may race to create the very
 * first batch, and the unique indexes let exactly one of them win.
 */
export async function insertOpenBatch(
  knex: Knex,
  number: number
): Promise<void> {
  await knex("order_batch")
    .insert({
      id: generateEntityId(undefined, "obat"),
      number,
      status: "open" satisfies BatchStatus,
      opened_at: knex.fn.now(),
    })
    .onConflict()
    .ignore()
}

export async function closeBatch(
  knex: Knex,
  id: string,
  { reason, actorId }: { reason: BatchCloseReason; actorId: string | null }
): Promise<void> {
  await knex("order_batch")
    .where({ id, status: "open" })
    .update({
      status: "closed" satisfies BatchStatus,
      closed_at: knex.fn.now(),
      closed_by: actorId,
      close_reason: reason,
      updated_at: knex.fn.now(),
    })
}

export async function markBatchHandled(
  knex: Knex,
  id: string,
  kind: "printed" | "exported",
  actorId: string | null
): Promise<void> {
  await knex("order_batch")
    .where({ id })
    .update({
      [`${kind}_at`]: knex.fn.now(),
      [`${kind}_by`]: actorId,
      updated_at: knex.fn.now(),
    })
}
