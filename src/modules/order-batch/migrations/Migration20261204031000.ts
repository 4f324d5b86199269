import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Written by hand: the batch that an install makes of the store's history
 * (close_reason `install`, see lib/install-batch.ts).
 *
 * That batch is filled a chunk at a time, after it is closed to new orders
 * and before it is sealed: `status` is `closed` while `closed_at` is still
 * null. So a batch is sealed, and the guards refuse any change to its
 * orders, from the moment it has a `closed_at`; only an install batch may be
 * closed without one, and once it has one it keeps it.
 */
export class Migration20261204031000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "order_batch" drop constraint if exists "order_batch_close_reason_check";`)
    this.addSql(`alter table if exists "order_batch" add constraint "order_batch_close_reason_check" check("close_reason" in ('login', 'manual', 'schedule', 'install'));`)
    this.addSql(`alter table if exists "order_batch" add constraint "order_batch_sealed_check" check(status = 'open' or closed_at is not null or close_reason = 'install');`)
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
         WHERE b.id = ANY (batch_ids) AND b.status = 'closed' AND b.closed_at IS NOT NULL LIMIT 1;
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
           OR NEW.number <> OLD.number OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at
           OR (OLD.closed_at IS NOT NULL AND NEW.closed_at IS DISTINCT FROM OLD.closed_at)) THEN
          RAISE EXCEPTION 'Batch % is closed: it cannot be reopened, renumbered or removed', OLD.number
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
      END $$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "order_batch" drop constraint if exists "order_batch_sealed_check";`)
    // An install batch still unsealed is sealed: every closed batch has a closed_at again.
    this.addSql(`update "order_batch" set closed_at = now() where status = 'closed' and closed_at is null;`)
    this.addSql(`update "order_batch" set close_reason = 'manual' where close_reason = 'install';`)
    this.addSql(`alter table if exists "order_batch" drop constraint if exists "order_batch_close_reason_check";`)
    this.addSql(`alter table if exists "order_batch" add constraint "order_batch_close_reason_check" check("close_reason" in ('login', 'manual', 'schedule'));`)
    // The guards stay as they are: with every closed batch sealed, they refuse what the earlier ones did.
  }
}
