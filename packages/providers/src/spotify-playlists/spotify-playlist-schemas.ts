// Zod shapes of the accounts service's token answers and the Web API's playlist answers (extra fields pass).
import { z } from "zod";

export const ZUserTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
  /** Absent on some refreshes: the old refresh token stays valid then. */
  refresh_token: z.string().min(1).optional(),
});

export const ZTokenErrorBody = z.object({ error: z.string(), error_description: z.string().optional() });

export const ZCreatedPlaylist = z.object({
  id: z.string().regex(/^[0-9A-Za-z]{1,64}$/),
  external_urls: z.object({ spotify: z.string().optional() }).optional(),
});

export const ZSnapshot = z.object({ snapshot_id: z.string().min(1) });
