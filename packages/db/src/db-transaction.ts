// The client or an interactive transaction's client: writes that run inside storeModel's transaction take this.
import type { Prisma } from "./generated/prisma/client";
import type { TDb } from "./client/create-prisma-client";

export type TDbOrTx = TDb | Prisma.TransactionClient;
