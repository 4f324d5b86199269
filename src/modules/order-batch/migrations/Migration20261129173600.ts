import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Written by hand: what the data-model language cannot say.
 *
 * 1. The function of the trigger on Medusa's `"order"` table (columns `id`,
 *    `is_draft_order`, `deleted_at`) that queues every committed, non-draft
 *    order in `order_batch_pending_order`, in the order's own transaction.
 *    It writes only the plugin's table. A close then reads the queue, not
 *    the store's history.
 * 2. Guards that make PostgreSQL itself refuse a change to a closed batch's
 *    membership and the reopening of a closed batch, whatever code asks and at
 *    any isolation level (the batch row is read `FOR SHARE`, so a close and an
 *    assignment to the same batch cannot pass each other).
 *
 * `db:rollback order_batch` drops both triggers and their functions.
 */
export class Migration20261129173600 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE OR REPLACE FUNCTION order_batch_queue_order() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.is_draft_order = false AND NEW.deleted_at IS NULL
           AND (TG_OP = 'INSERT' OR OLD.is_draft_order IS DISTINCT FROM NEW.is_draft_order) THEN
          INSERT INTO order_batch_pending_order (order_id) VALUES (NEW.id)
          ON CONFLICT (order_id) DO NOTHING;
        END IF;
        RETURN NULL;
      END $$;`)
    // The trigger itself, and the queueing of the orders from before the
    // install, came here once, in this transaction: skipped where "order" did
    // not exist yet, and holding a lock on it while a large store's history
    // was queued. Migration20261204030000 and the migration script
    // create-order-batch-queue do both now.
    this.addSql(`
      CREATE OR REPLACE FUNCTION order_batch_refuse_closed_membership() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        batch_ids text[];
        closed_number integer;
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.batch_id = OLD.batch_id AND NEW.order_id = OLD.order_id
           AND NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at THEN
          RETURN NULL; -- totals and cancellations may change; membership does not
        END IF;
        batch_ids := CASE TG_OP
          WHEN 'INSERT' THEN ARRAY[NEW.batch_id]
          WHEN 'DELETE' THEN ARRAY[OLD.batch_id]
          ELSE ARRAY[OLD.batch_id, NEW.batch_id] END;
        -- Locks the batch whatever its status: a concurrent close waits, or is waited for.
        PERFORM 1 FROM order_batch b WHERE b.id = ANY (batch_ids) FOR SHARE;
        SELECT b.number INTO closed_number FROM order_batch b
         WHERE b.id = ANY (batch_ids) AND b.status = 'closed' LIMIT 1;
        IF closed_number IS NOT NULL THEN
          RAISE EXCEPTION 'Batch % is closed: its orders cannot change', closed_number
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$;`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION order_batch_refuse_reopen() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'closed' AND (TG_OP = 'DELETE' OR NEW.status <> 'closed'
           OR NEW.number <> OLD.number OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at) THEN
          RAISE EXCEPTION 'Batch % is closed: it cannot be reopened, renumbered or removed', OLD.number
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
      END $$;`)
    this.addSql(`DROP TRIGGER IF EXISTS order_batch_order_closed_guard ON order_batch_order;`)
    this.addSql(`
      CREATE CONSTRAINT TRIGGER order_batch_order_closed_guard
        AFTER INSERT OR UPDATE OR DELETE ON order_batch_order
        FOR EACH ROW EXECUTE FUNCTION order_batch_refuse_closed_membership();`)
    this.addSql(`DROP TRIGGER IF EXISTS order_batch_closed_guard ON order_batch;`)
    // BEFORE, so that this refusal, not an index or key it would trip, names the reason.
    this.addSql(`
      CREATE TRIGGER order_batch_closed_guard
        BEFORE UPDATE OR DELETE ON order_batch
        FOR EACH ROW EXECUTE FUNCTION order_batch_refuse_reopen();`)
  }

  override async down(): Promise<void> {
    this.addSql(`DO $$ BEGIN
      IF to_regclass('"order"') IS NOT NULL THEN
        DROP TRIGGER IF EXISTS order_batch_queue_order ON "order";
      END IF;
    END $$;`)
    this.addSql(`DROP FUNCTION IF EXISTS order_batch_queue_order();`)
    this.addSql(`DROP TRIGGER IF EXISTS order_batch_order_closed_guard ON order_batch_order;`)
    this.addSql(`DROP TRIGGER IF EXISTS order_batch_closed_guard ON order_batch;`)
    this.addSql(`DROP FUNCTION IF EXISTS order_batch_refuse_closed_membership();`)
    this.addSql(`DROP FUNCTION IF EXISTS order_batch_refuse_reopen();`)
  }
}
