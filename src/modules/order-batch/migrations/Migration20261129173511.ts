import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129173511 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "order_batch_pending_order" ("order_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "order_batch_pending_order_pkey" primary key ("order_id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_pending_order_deleted_at" ON "order_batch_pending_order" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "order_batch" drop constraint if exists "order_batch_close_reason_check";`);

    this.addSql(`alter table if exists "order_batch" add constraint "order_batch_close_reason_check" check("close_reason" in ('login', 'manual', 'schedule'));`);

    this.addSql(`alter table if exists "order_batch_order" add column if not exists "canceled_at" timestamptz null;`);

    this.addSql(`alter table if exists "order_batch_user" add column if not exists "login_id" text null, add column if not exists "failed_login_at" timestamptz null, add column if not exists "failed_login_reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "order_batch_pending_order" cascade;`);

    this.addSql(`alter table if exists "order_batch" drop constraint if exists "order_batch_close_reason_check";`);

    this.addSql(`alter table if exists "order_batch" add constraint "order_batch_close_reason_check" check("close_reason" in ('login', 'manual'));`);

    this.addSql(`alter table if exists "order_batch_order" drop column if exists "canceled_at";`);

    this.addSql(`alter table if exists "order_batch_user" drop column if exists "login_id", drop column if exists "failed_login_at", drop column if exists "failed_login_reason";`);
  }

}
