import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { rotateBatchWorkflow } from "../../../../workflows"
import { AdminRotateBatchType } from "../validators"

/**
 * `POST /admin/batches/rotate`: closes the open batch now. With
 * `{ number }` it closes that batch only while it is the open one, and
 * answers an earlier close of it again, so a retried request never closes
 * two batches.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminRotateBatchType>,
  res: MedusaResponse
) => {
  const { result } = await rotateBatchWorkflow(req.scope).run({
    input: {
      reason: "manual",
      actor_id: req.auth_context.actor_id,
      number: req.validatedBody.number,
    },
  })
  res.json({ closed: result.closed, opened: result.opened })
}
