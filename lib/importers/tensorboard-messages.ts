import { Root } from "protobufjs";

// The slice of TensorFlow's event.proto / summary.proto / tensor.proto that scalar and text import reads.
// Fields left out (graph_def, images, histograms, ...) are skipped by the decoder without being copied.
//
// Both `oneof`s are declared on purpose: protobufjs v8 treats a proto3 field outside a oneof as having no
// presence and drops a value equal to the default, so a logged 0.0 would vanish (the tensorboard fixture's
// `eval/pref_accuracy` at step 0 is exactly that). Inside a oneof, presence is kept.
const root = Root.fromJSON({
  nested: {
    Event: {
      oneofs: { what: { oneof: ["file_version", "summary"] } },
      fields: {
        wall_time: { type: "double", id: 1 },
        step: { type: "int64", id: 2 },
        file_version: { type: "string", id: 3 },
        summary: { type: "Summary", id: 5 },
      },
    },
    Summary: { fields: { value: { rule: "repeated", type: "Value", id: 1 } } },
    Value: {
      oneofs: { value: { oneof: ["simple_value", "tensor"] } },
      fields: {
        tag: { type: "string", id: 1 },
        simple_value: { type: "float", id: 2 },
        tensor: { type: "TensorProto", id: 8 },
        metadata: { type: "SummaryMetadata", id: 9 },
      },
    },
    SummaryMetadata: { fields: { plugin_data: { type: "PluginData", id: 1 } } },
    PluginData: { fields: { plugin_name: { type: "string", id: 1 } } },
    TensorProto: {
      fields: {
        dtype: { type: "int32", id: 1 },
        tensor_shape: { type: "TensorShapeProto", id: 2 },
        tensor_content: { type: "bytes", id: 4 },
        float_val: { rule: "repeated", type: "float", id: 5, options: { packed: true } },
        double_val: { rule: "repeated", type: "double", id: 6, options: { packed: true } },
        int_val: { rule: "repeated", type: "int32", id: 7, options: { packed: true } },
        string_val: { rule: "repeated", type: "bytes", id: 8 },
        int64_val: { rule: "repeated", type: "int64", id: 10, options: { packed: true } },
        bool_val: { rule: "repeated", type: "bool", id: 11, options: { packed: true } },
        half_val: { rule: "repeated", type: "int32", id: 13, options: { packed: true } },
      },
    },
    TensorShapeProto: { fields: { dim: { rule: "repeated", type: "Dim", id: 2 } } },
    Dim: { fields: { size: { type: "int64", id: 1 } } },
  },
});

/** int64 fields decode to a `Long` (protobufjs bundles `long`) or, without it, to a number. */
export type Int64 = number | { toNumber(): number };

export interface TensorMessage {
  dtype?: number;
  tensor_shape?: { dim?: { size?: Int64 }[] };
  tensor_content?: Uint8Array;
  float_val?: number[];
  double_val?: number[];
  int_val?: number[];
  string_val?: Uint8Array[];
  int64_val?: Int64[];
  bool_val?: boolean[];
  half_val?: number[];
}

export interface ValueMessage {
  tag?: string;
  simple_value?: number;
  tensor?: TensorMessage;
  metadata?: { plugin_data?: { plugin_name?: string } };
  /** Which member of the oneof was on the wire. */
  value?: "simple_value" | "tensor";
}

export interface EventMessage {
  wall_time?: number;
  step?: Int64;
  file_version?: string;
  summary?: { value?: ValueMessage[] };
}

const eventType = root.lookupType("Event");

/** Throws on malformed protobuf; callers turn that into an import problem. */
export function decodeEvent(bytes: Uint8Array): EventMessage {
  return eventType.decode(bytes) as unknown as EventMessage;
}

export function int64ToNumber(value: Int64 | undefined): number {
  if (value === undefined) return 0;
  return typeof value === "number" ? value : value.toNumber();
}
