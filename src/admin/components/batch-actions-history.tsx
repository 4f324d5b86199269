import { Button, StatusBadge, Text } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import {
  AdminBatchActionRun,
  FAILURES_PAGE_SIZE,
  useBatchActionFailures,
} from "../hooks/api/batch-actions"
import { useActorName } from "../hooks/use-actor-name"
import { formatDateTime } from "../lib/format"

const STATUS_COLOR = { running: "blue", completed: "green", failed: "red" } as const

/** One run: what it did, when and by whom, and each order it could not act on, linked, a page at a time. */
const BatchActionsRun = ({ number, run }: { number: number; run: AdminBatchActionRun }) => {
  const { t } = useTranslation()
  const by = useActorName(run.started_by)
  const failedCount = run.failed_count
  const [offset, setOffset] = useState(0)
  const page = useBatchActionFailures(number, run.id, offset)
  const failures = offset ? page.outcomes ?? [] : run.failed

  return (
    <li className="flex flex-col gap-y-2 px-6 py-4" data-testid="batch-action-run">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Text size="small" leading="compact" weight="plus">
          {t(`orderBatches.batchActions.names.${run.action}`)}
        </Text>
        <StatusBadge color={failedCount && run.status === "completed" ? "orange" : STATUS_COLOR[run.status]}>
          {t(`orderBatches.batchActions.status.${run.status}`)}
        </StatusBadge>
      </div>
      <Text size="small" leading="compact" className="text-ui-fg-subtle">
        {t("orderBatches.batchActions.summary", {
          date: formatDateTime(run.started_at),
          name: by ?? t("orderBatches.system"),
          total: run.total,
          succeeded: run.succeeded,
          skipped: run.skipped,
          failed: failedCount,
        })}
      </Text>
      {run.error && (
        <Text size="small" leading="compact" className="text-ui-fg-error" data-testid="batch-action-error">
          {t("orderBatches.batchActions.stopped", { error: run.error })}
        </Text>
      )}
      {!!failedCount && (
        <ul className="flex flex-col gap-y-1" data-testid="batch-action-failures">
          {failures.map((failure) => (
            <li key={failure.order_id}>
              <Text size="small" leading="compact">
                <Link
                  to={`/orders/${failure.order_id}`}
                  className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
                >
                  {failure.display_id ? `#${failure.display_id}` : failure.order_id}
                </Link>
                {`: ${failure.message}`}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {failedCount > FAILURES_PAGE_SIZE && (
        <div className="flex items-center justify-between gap-x-2" data-testid="batch-action-failures-pager">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            {t("orderBatches.batchActions.failuresPage", {
              from: offset + 1,
              to: Math.min(offset + FAILURES_PAGE_SIZE, failedCount),
              count: failedCount,
            })}
          </Text>
          <div className="flex gap-x-2">
            <Button size="small" variant="secondary" disabled={!offset} onClick={() => setOffset(offset - FAILURES_PAGE_SIZE)}>
              {t("orderBatches.batchActions.previousFailures")}
            </Button>
            <Button
              size="small"
              variant="secondary"
              disabled={offset + FAILURES_PAGE_SIZE >= failedCount}
              onClick={() => setOffset(offset + FAILURES_PAGE_SIZE)}
            >
              {t("orderBatches.batchActions.nextFailures")}
            </Button>
          </div>
        </div>
      )}
    </li>
  )
}

/** The batch's runs, newest first. */
export const BatchActionsHistory = ({ number, runs }: { number: number; runs: AdminBatchActionRun[] }) => {
  const { t } = useTranslation()
  if (!runs.length) {
    return (
      <Text size="small" leading="compact" className="text-ui-fg-subtle px-6 py-4">
        {t("orderBatches.batchActions.noRuns")}
      </Text>
    )
  }
  return (
    <ul className="divide-y divide-dashed" data-testid="batch-action-history">
      {runs.map((run) => (
        <BatchActionsRun key={run.id} number={number} run={run} />
      ))}
    </ul>
  )
}
