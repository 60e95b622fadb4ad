import { describe, expect, it } from "vitest";
import { scalarFromTensor, textFromTensor } from "./tensor-scalar";
import type { TensorMessage } from "./tensorboard-messages";

function bytesOf(write: (view: DataView) => void, width: number): Uint8Array {
  const out = new Uint8Array(width);
  write(new DataView(out.buffer));
  return out;
}

describe("scalarFromTensor", () => {
  const third = Math.fround(1 / 3);

  it.each<[string, TensorMessage, number]>([
    ["float_val", { dtype: 1, float_val: [third] }, third],
    ["float32 content", { dtype: 1, tensor_content: bytesOf((v) => v.setFloat32(0, 1 / 3, true), 4) }, third],
    ["double_val", { dtype: 2, double_val: [1 / 3] }, 1 / 3],
    ["float64 content", { dtype: 2, tensor_content: bytesOf((v) => v.setFloat64(0, 1 / 3, true), 8) }, 1 / 3],
    ["int_val", { dtype: 3, int_val: [-7] }, -7],
    ["int32 content", { dtype: 3, tensor_content: bytesOf((v) => v.setInt32(0, -7, true), 4) }, -7],
    ["int64_val", { dtype: 9, int64_val: [{ toNumber: () => 2 ** 40 }] }, 2 ** 40],
    ["int64 content", { dtype: 9, tensor_content: bytesOf((v) => v.setBigInt64(0, -5n, true), 8) }, -5],
    ["bool_val", { dtype: 10, bool_val: [true] }, 1],
    ["half_val", { dtype: 19, half_val: [0x3555] }, 0.333251953125],
    ["half content", { dtype: 19, tensor_content: bytesOf((v) => v.setUint16(0, 0xfc00, true), 2) }, -Infinity],
    ["shape [1]", { dtype: 1, float_val: [2], tensor_shape: { dim: [{ size: 1 }] } }, 2],
    ["no values at all (TensorFlow reads zeros)", { dtype: 1 }, 0],
  ])("reads %s", (_, tensor, want) => {
    expect(scalarFromTensor(tensor)).toBe(want);
  });

  it.each<[string, TensorMessage]>([
    ["a vector", { dtype: 1, float_val: [1, 2], tensor_shape: { dim: [{ size: 2 }] } }],
    ["a string", { dtype: 7, string_val: [new Uint8Array([104])] }],
    ["content of the wrong width", { dtype: 1, tensor_content: new Uint8Array(3) }],
    ["an unknown dtype", { dtype: 14, half_val: [1] }],
  ])("refuses %s", (_, tensor) => {
    expect(scalarFromTensor(tensor)).toBeUndefined();
  });
});

describe("textFromTensor", () => {
  it("reads a single string", () => {
    const tensor = { dtype: 7, string_val: [new TextEncoder().encode("héllo")], tensor_shape: { dim: [{ size: 1 }] } };
    expect(textFromTensor(tensor)).toBe("héllo");
    expect(textFromTensor({ dtype: 1, float_val: [1] })).toBeUndefined();
  });
});
