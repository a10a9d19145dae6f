import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { priorityMatrixBody } from '../../contracts/tickets.js';
import { DEFAULT_PRIORITY_MATRIX, LEVELS, type PriorityMatrix } from '../../core/tickets/index.js';
import type { Db, Executor } from '../../db/client.js';
import { priorityMatrix } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { recordAudit } from '../audit/index.js';
import { authorizeTicket } from './tickets.policy.js';

/**
 * The impact × urgency → priority matrix (9 rows). Staff read it; admins replace it. A new matrix
 * applies to tickets opened afterwards and to tickets whose impact or urgency is changed later;
 * existing tickets keep the priority they have (a silent re-prioritisation would move SLA targets
 * under running clocks).
 */
async function readMatrix(executor: Executor, lock = false): Promise<PriorityMatrix> {
  const query = executor.select().from(priorityMatrix);
  const rows = lock ? await query.for('update') : await query;
  const matrix = structuredClone(DEFAULT_PRIORITY_MATRIX);
  for (const row of rows) matrix[row.impact][row.urgency] = row.priority;
  return matrix;
}

export async function getPriorityMatrix(deps: { db: Db }, ctx: Context): Promise<PriorityMatrix> {
  authorizeTicket(ctx.actor, 'ticket.matrix_read');
  return await readMatrix(deps.db);
}

export async function replacePriorityMatrix(
  deps: { db: Db },
  ctx: Context,
  input: z.infer<typeof priorityMatrixBody>,
): Promise<PriorityMatrix> {
  authorizeTicket(ctx.actor, 'ticket.matrix');
  return await deps.db.transaction(async (tx) => {
    // Locks the rows, so two admins replacing the matrix at once do not mix their cells.
    const before = await readMatrix(tx, true);
    const rows = LEVELS.flatMap((impact) =>
      LEVELS.map((urgency) => ({ impact, urgency, priority: input[impact][urgency] })),
    );
    await tx
      .insert(priorityMatrix)
      .values(rows)
      .onConflictDoUpdate({
        target: [priorityMatrix.impact, priorityMatrix.urgency],
        set: { priority: sql`excluded.priority` },
      });
    const after = await readMatrix(tx);
    await recordAudit(tx, ctx, {
      action: 'priority_matrix.updated',
      entityType: 'priority_matrix',
      entityId: null,
      before,
      after,
    });
    return after;
  });
}
