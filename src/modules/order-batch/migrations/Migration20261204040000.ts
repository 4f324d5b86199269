import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { BATCH_LOCK_KEY, NEW_BATCH_LOCK_KEY } from "../lib/locks"
import { TAKEN } from "../lib/order"
import { QUEUE_HOLDS_SQL } from "../lib/queue-trigger"

/**
 * Written by hand: a rotation as one statement (lib/rotation.ts calls it).
 * A login waits for its rotation's commit, and a rotation run statement by
 * statement from Node was a dozen round trips under the lock; inside one
 * function it is one, and the lock is held for the database's own work.
 *
 * `order_batch_take_queue` is the close's take of the queue: every queued
 * order, and where the queue cannot be trusted (QUEUE_HOLDS_SQL) every
 * order of the store without a batch, into the closing batch. PL/pgSQL, so
 * that it can be created before Medusa's `"order"` table exists.
 *
 * `order_batch_rotate` takes the rotation lock (the caller's lock_timeout
 * limits the wait), creates the first open batch where a store has none,
 * and then, unless `p_number` names a batch that is not the open one (the
 * caller answers that earlier rotation): takes the queue, keeps an empty
 * batch open where `p_keep_empty` says so, or closes it and opens the next;
 * and records the batch as `p_user_id`'s current batch. Ids come from the
 * caller (Medusa's prefixed ids). A close is dated by the clock once the
 * lock is held, not by the transaction's start (`now()`): an assignment
 * that committed while the close waited for the lock is older than it.
 */
export class Migration20261204040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE OR REPLACE FUNCTION order_batch_take_queue(p_batch_id text) RETURNS text[]
      LANGUAGE plpgsql AS $$
      DECLARE
        taken_ids text[];
      BEGIN
        WITH taken AS (
          DELETE FROM order_batch_pending_order RETURNING order_id
        ), unqueued AS (
          SELECT o.id AS order_id FROM "order" o
           WHERE NOT ${QUEUE_HOLDS_SQL}
             AND NOT EXISTS (SELECT 1 FROM order_batch_order a WHERE a.order_id = o.id)
        ), inserted AS (
          INSERT INTO order_batch_order (order_id, batch_id, placed_at, currency_code, canceled_at)
          SELECT o.id, p_batch_id, o.created_at, o.currency_code, o.canceled_at
            FROM (SELECT order_id FROM taken UNION ALL SELECT order_id FROM unqueued) t
            JOIN "order" o ON o.id = t.order_id
           WHERE ${TAKEN}
          ON CONFLICT (order_id) DO NOTHING
          RETURNING order_id
        )
        SELECT coalesce(array_agg(order_id), '{}') INTO taken_ids FROM inserted;
        RETURN taken_ids;
      END $$;`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION order_batch_rotate(
        p_reason text, p_actor_id text, p_user_id text, p_login_id text, p_number integer,
        p_first_number integer, p_keep_empty boolean, p_first_id text, p_next_id text,
        OUT closed_id text, OUT opened_id text, OUT swept text[], OUT previous boolean)
      LANGUAGE plpgsql AS $$
      DECLARE
        open_id text;
        open_number integer;
        current_id text;
      BEGIN
        previous := false;
        PERFORM pg_advisory_xact_lock(${BATCH_LOCK_KEY});
        SELECT b.id, b.number INTO open_id, open_number FROM order_batch b
         WHERE b.status = 'open' AND b.deleted_at IS NULL;
        IF open_id IS NULL THEN
          -- A new store: serialised with an assignment creating the first batch.
          PERFORM pg_advisory_xact_lock(${NEW_BATCH_LOCK_KEY});
          SELECT b.id, b.number INTO open_id, open_number FROM order_batch b
           WHERE b.status = 'open' AND b.deleted_at IS NULL;
          IF open_id IS NULL THEN
            SELECT coalesce(max(b.number) + 1, p_first_number) INTO open_number FROM order_batch b;
            open_id := p_first_id;
            INSERT INTO order_batch (id, number, status, opened_at) VALUES (open_id, open_number, 'open', clock_timestamp());
          END IF;
        END IF;
        IF p_number IS NOT NULL AND p_number <> open_number THEN
          previous := true;
          RETURN;
        END IF;
        swept := order_batch_take_queue(open_id);
        IF p_keep_empty AND NOT EXISTS (SELECT 1 FROM order_batch_order a WHERE a.batch_id = open_id) THEN
          opened_id := open_id;
          SELECT b.id INTO current_id FROM order_batch b
           WHERE b.status = 'closed' AND b.close_reason <> 'install' AND b.deleted_at IS NULL
           ORDER BY b.number DESC LIMIT 1;
        ELSE
          UPDATE order_batch SET status = 'closed', closed_at = clock_timestamp(), closed_by = p_actor_id,
                 close_reason = p_reason, updated_at = now()
           WHERE id = open_id;
          INSERT INTO order_batch (id, number, status, opened_at) VALUES (p_next_id, open_number + 1, 'open', clock_timestamp());
          closed_id := open_id;
          opened_id := p_next_id;
          current_id := open_id;
        END IF;
        IF p_user_id IS NOT NULL THEN
          INSERT INTO order_batch_user (user_id, batch_id, login_id) VALUES (p_user_id, current_id, p_login_id)
          ON CONFLICT (user_id) DO UPDATE SET batch_id = EXCLUDED.batch_id, login_id = EXCLUDED.login_id,
            failed_login_at = NULL, failed_login_reason = NULL, updated_at = now();
        END IF;
      END $$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS order_batch_rotate(text, text, text, text, integer, integer, boolean, text, text);`)
    this.addSql(`DROP FUNCTION IF EXISTS order_batch_take_queue(text);`)
  }
}
