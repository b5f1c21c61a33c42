// Session setting for PGlite, which is one in-process session: set once, it holds for every later query.
// `off` trades the last few commits on a crash for much cheaper writes (see the web README).
import { z } from "zod";
import type { TDb } from "../client/create-prisma-client";

export const ZSynchronousCommit = z.enum(["on", "off", "local", "remote_write", "remote_apply"]);

export async function setSynchronousCommit(db: TDb, input: { value: z.infer<typeof ZSynchronousCommit> }): Promise<void> {
  // Validated, because SET takes no bind parameters.
  await db.$executeRawUnsafe(`SET synchronous_commit = ${ZSynchronousCommit.parse(input.value)}`);
}
