import { Context } from "@medusajs/framework/types"
import { Knex } from "@medusajs/framework/mikro-orm/knex"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { MedusaError } from "@medusajs/framework/utils"

export type ModuleContext = Context<SqlEntityManager>

/** The manager of a read: the transaction's where there is one. */
export function managerOf(context: ModuleContext): SqlEntityManager {
  return (context.transactionManager ?? context.manager)!
}

/** Knex bound to the context's transaction, for the few statements that are raw SQL. */
export function knexOf(context: ModuleContext): Knex {
  const manager = managerOf(context)
  return manager.getTransactionContext() ?? manager.getKnex()
}

/**
 * The transaction of a write. Advisory xact locks on a pooled autocommit
 * connection would be released at once and silently stop serialising.
 */
export function transactionOf(context: ModuleContext): Knex.Transaction {
  const trx = context.transactionManager?.getTransactionContext()
  if (!trx) {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      "Order batch writes must run inside a transaction."
    )
  }
  return trx
}
