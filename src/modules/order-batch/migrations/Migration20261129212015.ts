import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129212015 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_order_total_missing" ON "order_batch_order" ("order_id") WHERE total IS NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_order_batch_order_total_missing";`);
  }

}
