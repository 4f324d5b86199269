import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129172759 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "order_batch_order" drop column if exists "source";`);

    this.addSql(`alter table if exists "order_batch_user" drop column if exists "logged_in_at";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "order_batch_order" add column if not exists "source" text check ("source" in ('placed', 'sweep')) not null default 'placed';`);

    this.addSql(`alter table if exists "order_batch_user" add column if not exists "logged_in_at" timestamptz not null default now();`);
  }

}
