import { StatusBadge, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { AdminBatchActionRun } from "../hooks/api/batch-actions"
import { useActorName } from "../hooks/use-actor-name"
import { formatDateTime } from "../lib/format"

const STATUS_COLOR = { running: "blue", completed: "green", failed: "red" } as const

/** One run: what it did, when and by whom, and each order it could not act on, linked. */
const BatchActionsRun = ({ run }: { run: AdminBatchActionRun }) => {
  const { t } = useTranslation()
  const by = useActorName(run.started_by)
  const failedCount = run.failed.length

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
      {!!failedCount && (
        <ul className="flex flex-col gap-y-1" data-testid="batch-action-failures">
          {run.failed.map((failure) => (
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
    </li>
  )
}

/** The batch's runs, newest first. */
export const BatchActionsHistory = ({ runs }: { runs: AdminBatchActionRun[] }) => {
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
        <BatchActionsRun key={run.id} run={run} />
      ))}
    </ul>
  )
}
