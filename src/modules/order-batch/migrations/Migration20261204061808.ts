import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// Outcomes become the run's work list (one row per order, claimed under a
// lease) and the run's counters are held to its total. Runs recorded before
// this are brought to the same rule before the constraint is added, so a
// store that upgrades keeps every run readable and none left half-counted.
export class Migration20261204061808 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "order_batch_action_outcome" drop constraint if exists "order_batch_action_outcome_status_check";`);
    this.addSql(`alter table if exists "order_batch_action_outcome" add column if not exists "position" integer not null default 0, add column if not exists "owner" text null, add column if not exists "lease_until" timestamptz null, add column if not exists "claims" integer not null default 0;`);
    this.addSql(`alter table if exists "order_batch_action_outcome" alter column "status" type text using ("status"::text);`);
    this.addSql(`alter table if exists "order_batch_action_outcome" alter column "status" set default 'pending';`);

    // Each outcome takes its order's place in the batch.
    this.addSql(`update "order_batch_action_outcome" o set "position" = p.position
      from (select oc.id, row_number() over (partition by oc.run_id order by bo.placed_at, bo.order_id) as position
              from order_batch_action_outcome oc
              join "order_batch_action_run" r on r.id = oc.run_id
              join "order_batch_order" bo on bo.order_id = oc.order_id and bo.batch_id = r.batch_id) p
      where o.id = p.id;`);
    // A running run gets the orders it had not reached yet, to be worked through.
    this.addSql(`insert into "order_batch_action_outcome" (id, run_id, order_id, position, status, created_at, updated_at)
      select 'oboc_' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 26)), r.id, bo.order_id,
             row_number() over (partition by r.id order by bo.placed_at, bo.order_id), 'pending', now(), now()
        from order_batch_action_run r
        join "order_batch_order" bo on bo.batch_id = r.batch_id and bo.deleted_at is null
       where r.status = 'running' and r.deleted_at is null
         and not exists (select 1 from order_batch_action_outcome o where o.run_id = r.id and o.order_id = bo.order_id);`);
    // A finished run's order left processing, or never reached, is named as failed.
    this.addSql(`update "order_batch_action_outcome" o set status = 'failed',
        message = 'The run ended before this order''s outcome was recorded; check the order in Medusa before acting on it again.'
      from order_batch_action_run r where r.id = o.run_id and r.status <> 'running' and o.status = 'processing';`);
    this.addSql(`insert into "order_batch_action_outcome" (id, run_id, order_id, position, status, message, created_at, updated_at)
      select 'oboc_' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 26)), r.id, bo.order_id, 0, 'failed',
             'The run ended before it reached this order.', now(), now()
        from order_batch_action_run r
        join "order_batch_order" bo on bo.batch_id = r.batch_id and bo.deleted_at is null
       where r.status <> 'running' and r.deleted_at is null
         and not exists (select 1 from order_batch_action_outcome o where o.run_id = r.id and o.order_id = bo.order_id);`);
    // Counters from the outcomes themselves.
    this.addSql(`update "order_batch_action_run" r set
        total = c.total, succeeded = c.succeeded, skipped = c.skipped, failed_count = c.failed
      from (select run_id, count(*)::int as total,
                   count(*) filter (where status = 'succeeded')::int as succeeded,
                   count(*) filter (where status = 'skipped')::int as skipped,
                   count(*) filter (where status = 'failed')::int as failed
              from order_batch_action_outcome where deleted_at is null group by run_id) c
      where c.run_id = r.id;`);
    this.addSql(`update "order_batch_action_run" set total = 0, succeeded = 0, skipped = 0, failed_count = 0
      where not exists (select 1 from order_batch_action_outcome o where o.run_id = "order_batch_action_run".id and o.deleted_at is null);`);
    this.addSql(`update "order_batch_action_run" set error = 'The run stopped before this version recorded why.'
      where status = 'failed' and error is null;`);

    this.addSql(`alter table if exists "order_batch_action_run" drop column if exists "position", drop column if exists "attempt";`);
    this.addSql(`alter table if exists "order_batch_action_outcome" add constraint "order_batch_action_outcome_status_check" check("status" in ('pending', 'claimed', 'processing', 'succeeded', 'skipped', 'failed'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_order_batch_action_outcome_unsettled" ON "order_batch_action_outcome" ("run_id", "position") WHERE status IN ('pending', 'claimed', 'processing') AND deleted_at IS NULL;`);
    this.addSql(`alter table if exists "order_batch_action_run" add constraint order_batch_action_run_counts check(succeeded + skipped + failed_count <= total AND (status = 'running' OR succeeded + skipped + failed_count = total));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "order_batch_action_outcome" drop constraint if exists "order_batch_action_outcome_status_check";`);
    this.addSql(`alter table if exists "order_batch_action_run" drop constraint if exists order_batch_action_run_counts;`);
    this.addSql(`alter table if exists "order_batch_action_run" add column if not exists "position" integer not null default 0, add column if not exists "attempt" integer not null default 1;`);
    this.addSql(`drop index if exists "IDX_order_batch_action_outcome_unsettled";`);
    // Rows the old engine never wrote: work not yet taken.
    this.addSql(`delete from order_batch_action_outcome where status = 'pending';`);
    this.addSql(`update "order_batch_action_outcome" set status = 'processing' where status = 'claimed';`);
    this.addSql(`alter table if exists "order_batch_action_outcome" drop column if exists "position", drop column if exists "owner", drop column if exists "lease_until", drop column if exists "claims";`);
    this.addSql(`alter table if exists "order_batch_action_outcome" alter column "status" set default 'processing';`);
    this.addSql(`alter table if exists "order_batch_action_outcome" add constraint "order_batch_action_outcome_status_check" check("status" in ('processing', 'succeeded', 'skipped', 'failed'));`);
  }

}
