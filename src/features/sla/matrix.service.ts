import { asc } from 'drizzle-orm';
import type { z } from 'zod';
import type { putEscalationMatrix } from '../../contracts/sla.js';
import type { Db } from '../../db/client.js';
import { escalationRules } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { requireSlaManager, requireStaff } from './calendars.service.js';

type RuleRow = typeof escalationRules.$inferSelect;
const present = (row: RuleRow) => ({
  id: row.id,
  priority: row.priority,
  threshold: row.threshold,
  notify: row.notify,
  moveToTier: row.moveToTier,
  moveToTeamId: row.moveToTeamId,
});

export async function getMatrix(db: Db, ctx: Context) {
  requireStaff(ctx);
  const rows = await db
    .select()
    .from(escalationRules)
    .orderBy(asc(escalationRules.priority), asc(escalationRules.threshold));
  return { rules: rows.map(present) };
}

/** Replace the whole matrix (at most one rule per priority × threshold). */
export async function putMatrix(db: Db, ctx: Context, input: z.infer<typeof putEscalationMatrix>) {
  requireSlaManager(ctx);
  const seen = new Set<string>();
  input.rules.forEach((rule, index) => {
    const cell = `${rule.priority}/${rule.threshold}`;
    if (seen.has(cell))
      throw validationError([{ path: `body.rules.${index}`, message: `a second rule for ${cell}` }]);
    seen.add(cell);
  });
  return await db.transaction(async (tx) => {
    const before = await tx.select().from(escalationRules);
    await tx.delete(escalationRules);
    if (input.rules.length > 0) {
      await tx.insert(escalationRules).values(
        input.rules.map((rule) => ({
          id: uuidv7(ctx.now.getTime()),
          ...rule,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })),
      );
    }
    const after = await tx
      .select()
      .from(escalationRules)
      .orderBy(asc(escalationRules.priority), asc(escalationRules.threshold));
    await recordAudit(tx, ctx, {
      action: 'escalation_matrix.updated',
      entityType: 'escalation_matrix',
      entityId: null,
      before: before.map(present),
      after: after.map(present),
    });
    return { rules: after.map(present) };
  });
}
