import { Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { useBatchActionRun } from "../hooks/api/batch-actions"

/** A running run's progress, n of m orders, polled until it stops. */
export const BatchActionsProgress = ({ number, runId }: { number: number; runId: string }) => {
  const { t } = useTranslation()
  const { run } = useBatchActionRun(number, runId)
  if (!run) {
    return null
  }
  const done = run.succeeded + run.skipped + run.failed_count
  const percent = run.total ? Math.round((done / run.total) * 100) : 100

  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="batch-action-progress">
      <Text size="small" leading="compact" weight="plus">
        {t(`orderBatches.batchActions.progress.${run.action}`, { done, total: run.total })}
      </Text>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={done}
        className="bg-ui-bg-component h-2 w-full overflow-hidden rounded-full"
      >
        <div
          className="bg-ui-fg-interactive h-full rounded-full transition-[width]"
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  )
}
