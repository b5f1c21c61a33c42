// A PostgreSQL template database for tests that need the same filled database many times: built once by `fill`,
// then copied per test with CREATE DATABASE … TEMPLATE (a file copy on the server, no second fill).
import { randomBytes } from "node:crypto";
import type { Client } from "pg";
import { resolveTestAdminUrl } from "../env";
import { databaseUrl, withAdmin } from "./admin-connection";

const TEMPLATE_PREFIX = "anisong_template_";
/** Templates of other input states are dropped once they are this old (another checkout may still use a newer one). */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

export type TPostgresTemplateCopy = { url: string; drop(): Promise<void> };

/**
 * A fresh database copied from the template named by `key` (letters, digits, underscore), building the template
 * first with `fill(url)` when it does not exist. Two processes building the same template at once both succeed: the
 * first rename wins and the loser drops its own build.
 */
export async function copyPostgresTemplate(options: {
  key: string;
  fill: (url: string) => void | Promise<void>;
}): Promise<TPostgresTemplateCopy> {
  if (!/^[a-z0-9_]{1,40}$/.test(options.key)) throw new Error(`template key must be [a-z0-9_]{1,40}, got "${options.key}"`);
  const adminUrl = resolveTestAdminUrl();
  const template = `${TEMPLATE_PREFIX}${options.key}`;
  if (!(await withAdmin(adminUrl, (admin) => databaseExists(admin, template)))) {
    await pruneStaleTemplates(adminUrl, template);
    const building = `${template}_${randomBytes(4).toString("hex")}`;
    await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${building}"`));
    try {
      await options.fill(databaseUrl(adminUrl, building));
      await withAdmin(adminUrl, async (admin) => {
        await admin.query(`COMMENT ON DATABASE "${building}" IS 'anisong test template, built ${new Date().toISOString()}'`);
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      });
    } catch (error) {
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`));
      // 42P04 duplicate_database: another process finished the same template first; use theirs.
      if ((error as { code?: string }).code !== "42P04") throw error;
    }
  }
  const name = `anisong_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    url: databaseUrl(adminUrl, name),
    drop: () => withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function databaseExists(admin: Client, name: string): Promise<boolean> {
  const result = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  return result.rowCount === 1;
}

async function pruneStaleTemplates(adminUrl: string, keep: string): Promise<void> {
  await withAdmin(adminUrl, async (admin) => {
    const rows = await admin.query<{ datname: string; comment: string | null }>(
      "SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname LIKE $1",
      [`${TEMPLATE_PREFIX}%`],
    );
    for (const { datname, comment } of rows.rows) {
      const built = Date.parse(comment?.match(/built (\S+)$/)?.[1] ?? "");
      if (datname !== keep && Number.isFinite(built) && Date.now() - built > STALE_AFTER_MS) {
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
  });
}
