import { Alert, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { useCurrentBatch } from "../hooks/api/batches"
import { CloseBatchPrompt } from "./close-batch-prompt"

const timeOf = (at: string) =>
  new Intl.DateTimeFormat(undefined, { timeStyle: "short" }).format(new Date(at))

/**
 * Shown where the administrator's latest login got in without closing a
 * batch (the batches were busy, the database failed): their current batch is
 * still the one before, and they can close the open batch now.
 */
export const BatchLoginWarning = () => {
  const { t } = useTranslation()
  const { failed_login } = useCurrentBatch()
  if (!failed_login) {
    return null
  }
  return (
    <Alert variant="warning" data-testid="failed-login-warning">
      <div className="flex items-start justify-between gap-x-4">
        <div>
          <Text size="small" weight="plus" leading="compact">
            {t("orderBatches.failedLogin.title", {
              time: timeOf(failed_login.at),
              reason: failed_login.reason,
            })}
          </Text>
          <Text size="small" className="mt-1">
            {t("orderBatches.failedLogin.description")}
          </Text>
        </div>
        <CloseBatchPrompt />
      </div>
    </Alert>
  )
}
