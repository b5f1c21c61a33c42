/** Bind (unnamed portal, statement `statement`, `param` as its one text parameter, text results) + Execute + Sync. */
export function bindExecuteSync(statement: string, param: string): Uint8Array;
