import { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { BATCH_FIELDS, BatchCloseReason } from "../types"
import { BatchRecord } from "./order-batch"

type RotationInput = {
  reason: BatchCloseReason
  actor_id?: string | null
  user_id?: string | null
  login_id?: string | null
  number?: number
  first_number: number
  /** Keep the open batch where it has no orders (`rotateEmptyBatch: false`). */
  keep_empty: boolean
}

/** What `order_batch_rotate` did; `previous` where `number` was not the open batch. */
export type Rotation = {
  closed_id: string | null
  opened_id: string | null
  swept: string[]
  previous: boolean
}

/** A batch's own id, as Medusa's generated methods make it. */
const batchId = () => generateEntityId(undefined, "obat")

/**
 * A rotation in one statement under the rotation lock (see
 * Migration20261204040000): the close, the next batch and the
 * administrator's current batch.
 */
export async function rotateInDatabase(trx: Knex, input: RotationInput): Promise<Rotation> {
  const { rows } = await trx.raw(
    `SELECT * FROM order_batch_rotate(?::text, ?::text, ?::text, ?::text, ?::integer, ?::integer, ?::boolean, ?::text, ?::text)`,
    [
      input.reason,
      input.actor_id ?? null,
      input.user_id ?? null,
      input.login_id ?? null,
      input.number ?? null,
      input.first_number,
      input.keep_empty,
      batchId(),
      batchId(),
    ]
  )
  return rows[0]
}

/** The batches of a rotation, in the order of `ids` (null stays null). */
export async function readBatches(trx: Knex, ids: (string | null)[]): Promise<(BatchRecord | null)[]> {
  const wanted = ids.filter((id): id is string => !!id)
  const { rows } = wanted.length
    ? await trx.raw(`SELECT ${BATCH_FIELDS.join(", ")} FROM order_batch WHERE id = ANY(?)`, [wanted])
    : { rows: [] }
  const byId = new Map<string, BatchRecord>(rows.map((row: BatchRecord) => [row.id, row]))
  return ids.map((id) => (id && byId.get(id)) || null)
}
