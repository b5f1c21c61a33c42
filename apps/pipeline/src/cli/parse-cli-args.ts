// node:util's parseArgs as every pipeline CLI uses it: strict, with positionals, and a refusal (unknown flag,
// missing value) turned into a UsageError, which the CLIs print with their usage and exit 2 for.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../errors";

export function parseCliArgs<const O extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
