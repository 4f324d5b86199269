import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  CREATE_TRIGGER_SQL,
  MISSED_SEQUENCE,
  QUEUE_SCRIPT,
  QUEUE_TRIGGER,
  SWEPT_SEQUENCE,
  TRIGGER_LOCK_TIMEOUT_MS,
} from "../lib/queue-trigger"

/**
 * Written by hand: the queue trigger on Medusa's `"order"` table, made safe
 * for every store.
 *
 * Where the trigger is created: a module's migrations may run before the
 * order module has created `"order"` (a new store whose plugins migrate
 * first, or DB_MIGRATION_CONCURRENCY above 1), so a migration cannot be the
 * only place. The migration script `src/migration-scripts/create-order-batch-queue`
 * is: `db:migrate` runs scripts after every module's migrations, once, and
 * it creates the trigger in short transactions of its own and queues the
 * orders from before the install in chunks outside that lock. This
 * migration only tries once, waiting at most a second for `"order"`, so
 * that stores migrated without scripts (Medusa's test runner, say) have it
 * too; where it cannot, the script does. Its `down` forgets that the script
 * ran, so installing the plugin again after a rollback creates it again.
 *
 * The function now cannot fail a checkout: it runs as the role that owns the
 * plugin's table (SECURITY DEFINER, so an import under another role queues
 * too) with its search_path pinned to this schema, touches only the queue,
 * and where it still cannot queue an order it lets the order through, warns,
 * and counts the miss; the reconcile job then queues every order without a
 * batch (see `queueMissedOrders`).
 */
export class Migration20261204030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE SEQUENCE IF NOT EXISTS ${MISSED_SEQUENCE} START 1;`)
    this.addSql(`CREATE SEQUENCE IF NOT EXISTS ${SWEPT_SEQUENCE} MINVALUE 0 START 0;`)
    this.addSql(`
      CREATE OR REPLACE FUNCTION ${QUEUE_TRIGGER}() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        IF NEW.is_draft_order = false AND NEW.deleted_at IS NULL
           AND (TG_OP = 'INSERT' OR OLD.is_draft_order IS DISTINCT FROM NEW.is_draft_order) THEN
          BEGIN
            INSERT INTO order_batch_pending_order (order_id) VALUES (NEW.id)
            ON CONFLICT (order_id) DO NOTHING;
          EXCEPTION WHEN OTHERS THEN
            RAISE WARNING 'medusa-order-batches: order % was not queued (%); the reconcile job will take it in', NEW.id, SQLERRM;
            BEGIN
              PERFORM nextval('${MISSED_SEQUENCE}');
            EXCEPTION WHEN OTHERS THEN
              NULL; -- the plugin's objects are gone: the order goes through all the same
            END;
          END;
        END IF;
        RETURN NULL;
      END $$;`)
    this.addSql(`DO $$ BEGIN
      EXECUTE format('ALTER FUNCTION ${QUEUE_TRIGGER}() SET search_path = pg_catalog, %I', current_schema());
    END $$;`)
    this.addSql(`
      DO $$
      DECLARE
        waited text := current_setting('lock_timeout');
      BEGIN
        IF to_regclass('"order"') IS NULL OR EXISTS (
          SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass('"order"') AND tgname = '${QUEUE_TRIGGER}'
        ) THEN
          RETURN;
        END IF;
        PERFORM set_config('lock_timeout', '${TRIGGER_LOCK_TIMEOUT_MS}', true);
        BEGIN
          ${CREATE_TRIGGER_SQL}
        EXCEPTION WHEN lock_not_available THEN
          RAISE NOTICE 'medusa-order-batches: "order" is busy; the migration script creates the trigger';
        END;
        PERFORM set_config('lock_timeout', waited, true);
      END $$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP SEQUENCE IF EXISTS ${MISSED_SEQUENCE}, ${SWEPT_SEQUENCE};`)
    this.addSql(`DO $$ BEGIN
      IF to_regclass('script_migrations') IS NOT NULL THEN
        DELETE FROM script_migrations WHERE script_name IN ('${QUEUE_SCRIPT}.js', '${QUEUE_SCRIPT}.ts');
      END IF;
    END $$;`)
    // Migration20261129173600's own down drops the function and the trigger.
  }
}
