import { Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { BatchActionName } from "../../modules/order-batch/types"
import { useAllowedBatchActions, useBatchActionRuns } from "../hooks/api/batch-actions"
import { AdminBatch } from "../lib/types"
import { BatchActionsHistory } from "./batch-actions-history"
import { BatchActionsProgress } from "./batch-actions-progress"
import { BatchActionsPrompt } from "./batch-actions-prompt"

// Spelled out here: the module's list would pull its models into the dashboard bundle.
const ACTIONS: BatchActionName[] = ["fulfill", "ship", "capture"]

/**
 * Fulfill all, Mark all shipped and Capture all for a closed batch, the
 * progress of what runs, and the batch's run history. The server works
 * through the orders in the background, so the page can be left meanwhile.
 * An action the user's role may not start is offered disabled, saying what
 * it needs.
 */
export const BatchActionsSection = ({ batch }: { batch: AdminBatch }) => {
  const { t } = useTranslation()
  const { runs, isError, error } = useBatchActionRuns(batch.number)
  const allowed = useAllowedBatchActions()
  if (isError) {
    throw error
  }
  if (allowed.isError) {
    throw allowed.error
  }
  const running = (runs ?? []).filter((run) => run.status === "running")

  return (
    <Container className="divide-y p-0" data-testid="batch-actions">
      <div className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
        <div>
          <Heading level="h2">{t("orderBatches.batchActions.heading")}</Heading>
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            {t("orderBatches.batchActions.description")}
          </Text>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {ACTIONS.map((action) => (
            <BatchActionsPrompt
              key={action}
              batch={batch}
              action={action}
              running={running.some((run) => run.action === action)}
              permission={allowed.actions?.find((entry) => entry.action === action)}
            />
          ))}
        </div>
      </div>
      {running.map((run) => (
        <BatchActionsProgress key={run.id} number={batch.number} runId={run.id} />
      ))}
      {runs && <BatchActionsHistory number={batch.number} runs={runs} />}
    </Container>
  )
}
