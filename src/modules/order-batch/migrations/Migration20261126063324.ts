import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126063324 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "order_batch" drop constraint if exists "order_batch_number_unique";`);
    this.addSql(`create table if not exists "order_batch" ("id" text not null, "number" integer not null, "status" text check ("status" in ('open', 'closed')) not null default 'open', "opened_at" timestamptz not null, "closed_at" timestamptz null, "closed_by" text null, "close_reason" text check ("close_reason" in ('login', 'manual')) null, "printed_at" timestamptz null, "printed_by" text null, "exported_at" timestamptz null, "exported_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "order_batch_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_deleted_at" ON "order_batch" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_order_batch_number_unique" ON "order_batch" ("number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_order_batch_one_open" ON "order_batch" ("status") WHERE status = 'open' AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "order_batch_order" ("order_id" text not null, "batch_id" text not null, "placed_at" timestamptz not null, "currency_code" text null, "total" numeric null, "source" text check ("source" in ('placed', 'sweep')) not null default 'placed', "raw_total" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "order_batch_order_pkey" primary key ("order_id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_order_batch_id" ON "order_batch_order" ("batch_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_order_deleted_at" ON "order_batch_order" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_order_batch_placed" ON "order_batch_order" ("batch_id", "placed_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "order_batch_user" ("user_id" text not null, "batch_id" text null, "logged_in_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "order_batch_user_pkey" primary key ("user_id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_user_deleted_at" ON "order_batch_user" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "order_batch_order" add constraint "order_batch_order_batch_id_foreign" foreign key ("batch_id") references "order_batch" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "order_batch_order" drop constraint if exists "order_batch_order_batch_id_foreign";`);

    this.addSql(`drop table if exists "order_batch" cascade;`);

    this.addSql(`drop table if exists "order_batch_order" cascade;`);

    this.addSql(`drop table if exists "order_batch_user" cascade;`);
  }

}
