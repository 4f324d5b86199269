import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129175210 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "order_batch_action_run" ("id" text not null, "batch_id" text not null, "batch_number" integer not null, "action" text check ("action" in ('fulfill', 'ship', 'capture')) not null, "status" text check ("status" in ('running', 'completed', 'failed')) not null default 'running', "total" integer not null default 0, "succeeded" integer not null default 0, "skipped" integer not null default 0, "failed_count" integer not null default 0, "position" integer not null default 0, "attempt" integer not null default 1, "heartbeat_at" timestamptz not null, "started_by" text null, "started_at" timestamptz not null, "finished_at" timestamptz null, "error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "order_batch_action_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_action_run_deleted_at" ON "order_batch_action_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_order_batch_action_run_one_running" ON "order_batch_action_run" ("batch_id", "action") WHERE status = 'running' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_action_run_batch_started" ON "order_batch_action_run" ("batch_id", "started_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_action_run_status_heartbeat" ON "order_batch_action_run" ("status", "heartbeat_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "order_batch_action_outcome" ("id" text not null, "run_id" text not null, "order_id" text not null, "display_id" integer null, "status" text check ("status" in ('processing', 'succeeded', 'skipped', 'failed')) not null default 'processing', "message" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "order_batch_action_outcome_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_action_outcome_run_id" ON "order_batch_action_outcome" ("run_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_action_outcome_deleted_at" ON "order_batch_action_outcome" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_order_batch_action_outcome_run_order" ON "order_batch_action_outcome" ("run_id", "order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_action_outcome_run_status" ON "order_batch_action_outcome" ("run_id", "status") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "order_batch_action_outcome" add constraint "order_batch_action_outcome_run_id_foreign" foreign key ("run_id") references "order_batch_action_run" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "order_batch_action_outcome" drop constraint if exists "order_batch_action_outcome_run_id_foreign";`);

    this.addSql(`drop table if exists "order_batch_action_run" cascade;`);

    this.addSql(`drop table if exists "order_batch_action_outcome" cascade;`);
  }

}
