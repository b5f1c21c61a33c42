// The protocol messages of one batch (worker.mjs): Bind of a prepared statement with one text parameter, Execute
// and Sync, byte for byte as pg-protocol's serializer writes them (batch-message.test.ts compares the two). Node's
// native UTF-8 encoder measures and writes the parameter; the serializer measures it character by character in
// JavaScript, about 0.01 ms per recommendation of the batch (db README, "Writes that go together").
import { protocol } from "@electric-sql/pglite";

const EXECUTE_SYNC = Buffer.concat([protocol.serialize.execute({}), protocol.serialize.sync()]);

/** Bind (unnamed portal, statement `statement`, `param` as its one text parameter, text results) + Execute + Sync. */
export function bindExecuteSync(/** @type {string} */ statement, /** @type {string} */ param) {
  const statementBytes = Buffer.byteLength(statement);
  const paramBytes = Buffer.byteLength(param);
  // Length (itself included), "" portal, statement, 1 parameter format code (0: text), 1 parameter, its length and
  // bytes, 0 result format codes (all text).
  const length = 4 + 1 + statementBytes + 1 + 2 + 2 + 2 + 4 + paramBytes + 2;
  const message = Buffer.allocUnsafe(1 + length + EXECUTE_SYNC.length);
  let at = message.writeUInt8(0x42, 0); // 'B'
  at = message.writeInt32BE(length, at);
  at = message.writeUInt8(0, at);
  at += message.write(statement, at, "utf8");
  at = message.writeUInt8(0, at);
  at = message.writeInt16BE(1, at);
  at = message.writeInt16BE(0, at);
  at = message.writeInt16BE(1, at);
  at = message.writeInt32BE(paramBytes, at);
  at += message.write(param, at, "utf8");
  at = message.writeInt16BE(0, at);
  EXECUTE_SYNC.copy(message, at);
  return new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
}
