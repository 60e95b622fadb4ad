import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc32c, maskCrc32c, maskedCrc32c } from "./crc32c";
import { eventFilePath, readFixture, utf8 } from "./test-support";

/** The textbook bit-at-a-time CRC-32C, to check the table-driven one against. */
function bitwiseCrc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe("crc32c", () => {
  it("matches the standard check value", () => {
    expect(crc32c(utf8("123456789"))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array())).toBe(0);
  });

  it("matches the bitwise definition for any bytes and any sub-range", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(20), fc.nat(20), (bytes, head, tail) => {
        const start = Math.min(head, bytes.length);
        const end = Math.max(start, bytes.length - tail);
        expect(crc32c(bytes, start, end)).toBe(bitwiseCrc32c(bytes.subarray(start, end)));
      }),
    );
  });

  it("masks as TFRecord does, agreeing with a real event file's first header", () => {
    const file = readFixture(eventFilePath("tensorboard"));
    const stored = new DataView(file.buffer, file.byteOffset).getUint32(8, true);
    expect(maskedCrc32c(file, 0, 8)).toBe(stored);
    expect(maskCrc32c(0)).toBe(0xa282ead8);
  });
});
