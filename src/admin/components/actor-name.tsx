import { useActorName } from "../hooks/use-actor-name"

export const ActorName = ({ actorId }: { actorId: string | null }) => (
  <>{useActorName(actorId) ?? "-"}</>
)
