import { CronExpressionParser } from "cron-parser"

/** What `closeSchedule` accepts, for the start-up message. */
export const CLOSE_SCHEDULE_RULE =
  'a cron expression of five fields (minute hour day-of-month month day-of-week, e.g. "0 9 * * 1-5") or @hourly, @daily, @weekly, @monthly or @yearly'

const ALIASES = new Set(["@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@annually"])

export type ParsedCloseSchedule =
  | { ok: true; expression: string }
  | { ok: false; reason: string }

/**
 * Checks a `closeSchedule` expression. Five fields only: the job that
 * closes on schedule runs once a minute, so a seconds field would promise
 * closes it cannot make.
 */
export function parseCloseSchedule(value: string): ParsedCloseSchedule {
  const expression = value.trim()
  const fields = expression.split(/\s+/)
  if (expression.startsWith("@") ? !ALIASES.has(expression) : fields.length !== 5) {
    return {
      ok: false,
      reason: expression.startsWith("@")
        ? "unknown alias"
        : `${fields[0] === "" ? 0 : fields.length} fields instead of 5`,
    }
  }
  try {
    CronExpressionParser.parse(expression)
    return { ok: true, expression }
  } catch (error) {
    return { ok: false, reason: (error as Error).message }
  }
}

/**
 * The latest tick of `expression` after `since` and at or before `now`, or
 * null where none fell in between. The scheduled job asks this every minute
 * with `since` = the later of the open batch's opening and the job's
 * previous run: a batch opened after a tick (by that tick's close, or by a
 * login just after it) is not closed for it again, and a batch kept open
 * at a tick because it was empty is not closed later for that old tick.
 */
export function tickBetween(
  expression: string,
  since: Date,
  now: Date,
  tz?: string
): Date | null {
  if (now.getTime() <= since.getTime()) {
    return null
  }
  // prev() looks strictly before currentDate; a tick at `now` itself counts.
  const cron = CronExpressionParser.parse(expression, {
    currentDate: new Date(now.getTime() + 1),
    tz,
  })
  const tick = cron.prev().toDate()
  return tick.getTime() > since.getTime() ? tick : null
}
