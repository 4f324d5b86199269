import { useTranslation } from "react-i18next"
import { useUser } from "./api/users"

/**
 * A readable name for the actor a batch records (`closed_by`, `printed_by`,
 * `exported_by`): the administrator's name or email for a user id, "An API
 * key" for a secret key, and the raw id where the user no longer exists.
 */
export const useActorName = (actorId: string | null | undefined) => {
  const { t } = useTranslation()
  const isUser = !!actorId?.startsWith("user_")
  const { user, isError } = useUser(actorId ?? "", {
    enabled: isUser,
    retry: false,
  })

  if (!actorId) {
    return null
  }
  if (!isUser) {
    return actorId.startsWith("apk_") ? t("orderBatches.apiKey") : actorId
  }
  if (user) {
    const name = [user.first_name, user.last_name].filter(Boolean).join(" ")
    return name || user.email
  }
  return isError ? actorId : "…"
}
