import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Indexes for the reconcile job's two reads, so neither grows with the
 * store's history: the assignments whose total is missing, and the queue
 * by age (oldest first; a pre-install backlog can be a million rows). The
 * queue's index is hand-written, as its table's trigger is.
 */
export class Migration20261129212015 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_order_total_missing" ON "order_batch_order" ("order_id") WHERE total IS NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_pending_order_created_at" ON "order_batch_pending_order" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_order_batch_order_total_missing";`);
    this.addSql(`drop index if exists "IDX_order_batch_pending_order_created_at";`);
  }

}
