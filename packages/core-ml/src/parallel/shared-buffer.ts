/** The array's values in a SharedArrayBuffer every worker can read without a copy (the array's own, if it is one). */
export function toShared(data: Float64Array): SharedArrayBuffer {
  if (data.buffer instanceof SharedArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) {
    return data.buffer;
  }
  const shared = new SharedArrayBuffer(data.byteLength);
  new Float64Array(shared).set(data);
  return shared;
}
