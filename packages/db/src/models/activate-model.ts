// Makes one stored model the active one (and no other). Run it inside a transaction with the writes it publishes.
import type { TDbOrTx } from "../db-transaction";

export async function activateModel(db: TDbOrTx, input: { modelId: string }): Promise<void> {
  await db.model.updateMany({ where: { isActive: true }, data: { isActive: false } });
  await db.model.update({ where: { id: input.modelId }, data: { isActive: true, activatedAt: new Date() } });
}
