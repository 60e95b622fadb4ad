import { int64ToNumber, type TensorMessage } from "./tensorboard-messages";

// TensorFlow DataType enum values (types.proto) that can hold a scalar metric.
const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_INT32 = 3;
const DT_UINT8 = 4;
const DT_INT16 = 5;
const DT_INT8 = 6;
const DT_STRING = 7;
const DT_INT64 = 9;
const DT_BOOL = 10;
const DT_UINT16 = 17;
const DT_HALF = 19;

/** One element: no dims (rank 0), or every dim of size 1 (TF2 writers sometimes log shape [1]). */
function isSingleElement(tensor: TensorMessage): boolean {
  return (tensor.tensor_shape?.dim ?? []).every((d) => int64ToNumber(d.size) === 1);
}

function contentView(tensor: TensorMessage, width: number): DataView | undefined {
  const c = tensor.tensor_content;
  if (!c || c.length !== width) return undefined;
  return new DataView(c.buffer, c.byteOffset, c.length);
}

/** IEEE 754 binary16 bits to a number (exact: every half is a double). */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const NUMERIC = new Set([DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_INT64, DT_BOOL, DT_UINT16, DT_HALF]);

/**
 * The value of a scalar tensor summary (how TF2 and newer writers store scalars), or undefined when the tensor
 * is not a single number. Values come back exactly as stored: a float32 widened to a double is exact.
 */
export function scalarFromTensor(tensor: TensorMessage): number | undefined {
  if (tensor.dtype === undefined || !NUMERIC.has(tensor.dtype) || !isSingleElement(tensor)) return undefined;
  const value = readScalar(tensor);
  // TensorFlow reads a numeric tensor with neither values nor content as zeros (tensor_util.MakeNdarray).
  if (value === undefined && (tensor.tensor_content?.length ?? 0) === 0) return 0;
  return value;
}

function readScalar(tensor: TensorMessage): number | undefined {
  switch (tensor.dtype) {
    case DT_FLOAT:
      return tensor.float_val?.[0] ?? contentView(tensor, 4)?.getFloat32(0, true);
    case DT_DOUBLE:
      return tensor.double_val?.[0] ?? contentView(tensor, 8)?.getFloat64(0, true);
    case DT_INT32:
    case DT_INT16:
    case DT_INT8:
    case DT_UINT8:
    case DT_UINT16:
      // All of these travel in int_val; tensor_content is only read for the common int32 layout.
      return tensor.int_val?.[0] ?? (tensor.dtype === DT_INT32 ? contentView(tensor, 4)?.getInt32(0, true) : undefined);
    case DT_INT64: {
      const v = tensor.int64_val?.[0];
      if (v !== undefined) return int64ToNumber(v);
      const big = contentView(tensor, 8)?.getBigInt64(0, true);
      return big === undefined ? undefined : Number(big);
    }
    case DT_BOOL: {
      const v = tensor.bool_val?.[0];
      return v === undefined ? undefined : Number(v);
    }
    case DT_HALF: {
      const bits = tensor.half_val?.[0] ?? contentView(tensor, 2)?.getUint16(0, true);
      return bits === undefined ? undefined : halfToNumber(bits);
    }
    default:
      return undefined;
  }
}

/** The text of a single-string tensor (what `add_text` writes), or undefined. */
export function textFromTensor(tensor: TensorMessage): string | undefined {
  if (tensor.dtype !== DT_STRING || !isSingleElement(tensor)) return undefined;
  const bytes = tensor.string_val?.[0];
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}
