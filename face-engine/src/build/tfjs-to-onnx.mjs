// Build step helper: turns the tfjs weights of face-api's face recognition net (dlib's
// dlib_face_recognition_resnet_model_v1, as shipped by @vladmandic/face-api) into an ONNX model, with a
// protocol buffer writer of our own (no dependency). Called by fetch-models.mjs for manifest entries
// with `<id>.convert=faceapi-resnet`; the result is checked against `<id>.packagedSha256` there.
//
// The network (face-api's src/faceRecognitionNet, a port of dlib's metric network):
//   input [n,3,150,150] RGB, 0..255; (x - [122.782, 117.001, 104.298]) / 256 (dlib's input_rgb_image;
//     face-api divides by 255, dlib by 256: the weights are dlib's, so this graph follows dlib)
//   conv 7x7/2 valid 32 + ReLU, max pool 3x3/2 valid
//   residual x3 (32), residual_down + x3 (64), residual_down + x2 (128), residual_down + x2 (256),
//   residual_down (256), global average pool, fully connected 256 -> 128 (no bias); output [n,128]
// Each conv is conv + bias then a per-channel affine "scale" layer (dlib's affine_, batch norm after
// training); both are folded into the conv's weights and bias here. A residual block is
// conv3x3 + ReLU, conv3x3, + input, ReLU; a downsampling one has a stride-2 valid first conv and adds
// the 2x2/2 average pool of its input, zero-padded to twice the channels, while the conv branch is
// zero-padded at the bottom and right when the pool's output is one larger (dlib's add_prev).
import { Buffer } from "node:buffer";

// ---- protocol buffer encoding (only what ONNX's ModelProto needs) ----

function varint(value) {
  let v = BigInt.asUintN(64, BigInt(value));
  const out = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return Buffer.from(out);
}
const key = (field, wire) => varint((field << 3) | wire);
const int = (field, value) => Buffer.concat([key(field, 0), varint(value)]);
const bytes = (field, payload) => {
  const b = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
  return Buffer.concat([key(field, 2), varint(b.length), b]);
};
const message = (field, parts) => bytes(field, Buffer.concat(parts));
const float32 = (field, value) => {
  const b = Buffer.alloc(4);
  b.writeFloatLE(value);
  return Buffer.concat([key(field, 5), b]);
};

// TensorProto.DataType
const FLOAT = 1, INT64 = 7;
// AttributeProto.AttributeType
const ATTR_FLOAT = 1, ATTR_INT = 2, ATTR_INTS = 7;

function tensor(field, name, dims, type, data) {
  // TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian)
  let raw;
  if (type === FLOAT) {
    raw = Buffer.alloc(data.length * 4);
    data.forEach((v, i) => raw.writeFloatLE(v, i * 4));
  } else {
    raw = Buffer.alloc(data.length * 8);
    data.forEach((v, i) => raw.writeBigInt64LE(BigInt(v), i * 8));
  }
  return message(field, [...dims.map((d) => int(1, d)), int(2, type), bytes(8, name), bytes(9, raw)]);
}

function attribute(name, value) {
  // AttributeProto: name 1, f 2, i 3, ints 8, type 20
  if (Array.isArray(value)) {
    return message(5, [bytes(1, name), ...value.map((v) => int(8, v)), int(20, ATTR_INTS)]);
  }
  if (Number.isInteger(value)) return message(5, [bytes(1, name), int(3, value), int(20, ATTR_INT)]);
  return message(5, [bytes(1, name), float32(2, value), int(20, ATTR_FLOAT)]);
}

function node(op, inputs, outputs, name, attributes = {}) {
  // NodeProto: input 1, output 2, name 3, op_type 4, attribute 5
  return message(1, [
    ...inputs.map((i) => bytes(1, i)),
    ...outputs.map((o) => bytes(2, o)),
    bytes(3, name),
    bytes(4, op),
    ...Object.entries(attributes).map(([k, v]) => attribute(k, v)),
  ]);
}

function valueInfo(field, name, dims) {
  // ValueInfoProto{name 1, type 2: TypeProto{tensor_type 1: {elem_type 1, shape 2: {dim 1: {dim_value 1 | dim_param 2}}}}}
  const dim = (d) => message(1, [typeof d === "string" ? bytes(2, d) : int(1, d)]);
  return message(field, [
    bytes(1, name),
    message(2, [message(1, [int(1, FLOAT), message(2, dims.map(dim))])]),
  ]);
}

// ---- tfjs weights ----

/** Name -> {shape, values (Float32Array)} from a tfjs weights manifest and its shards. */
export function readTfjsWeights(manifestJson, shards) {
  const groups = JSON.parse(manifestJson.toString("utf8"));
  const weights = new Map();
  groups.forEach((group, g) => {
    const data = Buffer.concat(shards[g]);
    let offset = 0;
    for (const w of group.weights) {
      const count = w.shape.reduce((a, b) => a * b, 1);
      const values = new Float32Array(count);
      const q = w.quantization;
      if (w.dtype !== "float32") throw new Error(`${w.name}: dtype ${w.dtype}`);
      if (!q) {
        for (let i = 0; i < count; i++) values[i] = data.readFloatLE(offset + 4 * i);
        offset += 4 * count;
      } else if (q.dtype === "uint8" || q.dtype === "uint16") {
        // tfjs's decodeWeights: value = quantized * scale + min
        const size = q.dtype === "uint8" ? 1 : 2;
        for (let i = 0; i < count; i++) {
          const v = size === 1 ? data[offset + i] : data.readUInt16LE(offset + 2 * i);
          values[i] = v * q.scale + q.min;
        }
        offset += size * count;
      } else {
        throw new Error(`${w.name}: quantization ${q.dtype}`);
      }
      weights.set(w.name, { shape: w.shape, values });
    }
    if (offset !== data.length) throw new Error(`group ${g}: ${data.length - offset} bytes left over`);
  });
  return weights;
}

// ---- the network ----

const MEAN_RGB = [122.782, 117.001, 104.298];

/** ONNX bytes of face-api's faceRecognitionNet from its tfjs weights manifest and shards. */
export function faceapiResnetToOnnx(manifestJson, shards) {
  const weights = readTfjsWeights(manifestJson, shards);
  const used = new Set();
  const take = (name) => {
    const w = weights.get(name);
    if (!w) throw new Error(`no weight ${name}`);
    used.add(name);
    return w;
  };
  const nodes = [];
  const initializers = [];
  let counter = 0;
  const fresh = (base) => `${base}_${counter++}`;

  const constant = (name, dims, type, data) => {
    initializers.push(tensor(5, name, dims, type, data));
    return name;
  };

  // conv + bias + scale layer folded: W'[o] = W[o] * s[o], b'[o] = b[o] * s[o] + t[o]
  function convLayer(x, prefix, { stride, pad, relu }) {
    const filters = take(`${prefix}/conv/filters`); // HWIO
    const bias = take(`${prefix}/conv/bias`).values;
    const s = take(`${prefix}/scale/weights`).values;
    const t = take(`${prefix}/scale/biases`).values;
    const [kh, kw, cin, cout] = filters.shape;
    const w = new Float32Array(cout * cin * kh * kw); // OIHW
    for (let y = 0; y < kh; y++)
      for (let xx = 0; xx < kw; xx++)
        for (let i = 0; i < cin; i++)
          for (let o = 0; o < cout; o++) {
            w[((o * cin + i) * kh + y) * kw + xx] = filters.values[((y * kw + xx) * cin + i) * cout + o] * s[o];
          }
    const b = new Float32Array(cout);
    for (let o = 0; o < cout; o++) b[o] = bias[o] * s[o] + t[o];
    const wName = constant(`${prefix}/W`, [cout, cin, kh, kw], FLOAT, w);
    const bName = constant(`${prefix}/B`, [cout], FLOAT, b);
    const p = pad ? Math.floor(kh / 2) : 0;
    const out = fresh(`${prefix}/conv`);
    nodes.push(
      node("Conv", [x, wName, bName], [out], out, {
        kernel_shape: [kh, kw],
        strides: [stride, stride],
        pads: [p, p, p, p],
      }),
    );
    if (!relu) return out;
    const r = fresh(`${prefix}/relu`);
    nodes.push(node("Relu", [out], [r], r));
    return r;
  }

  function add(a, b, name) {
    const sum = fresh(`${name}/add`);
    nodes.push(node("Add", [a, b], [sum], sum));
    const r = fresh(`${name}/relu`);
    nodes.push(node("Relu", [sum], [r], r));
    return r;
  }

  function residual(x, prefix) {
    let out = convLayer(x, `${prefix}/conv1`, { stride: 1, pad: true, relu: true });
    out = convLayer(out, `${prefix}/conv2`, { stride: 1, pad: true, relu: false });
    return add(out, x, prefix);
  }

  // side: spatial size of x; channels: its channels. Returns the output and its side.
  function residualDown(x, prefix, side, channels) {
    let out = convLayer(x, `${prefix}/conv1`, { stride: 2, pad: false, relu: true });
    out = convLayer(out, `${prefix}/conv2`, { stride: 1, pad: true, relu: false });
    const convSide = Math.floor((side - 3) / 2) + 1;
    const poolSide = Math.floor((side - 2) / 2) + 1;
    const outChannels = weights.get(`${prefix}/conv1/conv/filters`).shape[3];
    if (poolSide !== convSide) {
      if (poolSide !== convSide + 1) throw new Error(`${prefix}: sides ${convSide} and ${poolSide}`);
      const pads = constant(`${prefix}/pad_hw`, [8], INT64, [0, 0, 0, 0, 0, 0, 1, 1]);
      const padded = fresh(`${prefix}/pad`);
      nodes.push(node("Pad", [out, pads], [padded], padded));
      out = padded;
    }
    let pooled = fresh(`${prefix}/avgpool`);
    nodes.push(node("AveragePool", [x], [pooled], pooled, { kernel_shape: [2, 2], strides: [2, 2] }));
    if (outChannels !== channels) {
      const pads = constant(`${prefix}/pad_c`, [8], INT64, [0, 0, 0, 0, 0, outChannels - channels, 0, 0]);
      const padded = fresh(`${prefix}/pad`);
      nodes.push(node("Pad", [pooled, pads], [padded], padded));
      pooled = padded;
    }
    return [add(pooled, out, prefix), poolSide, outChannels];
  }

  const mean = constant("input/mean", [1, 3, 1, 1], FLOAT, MEAN_RGB);
  const scale = constant("input/scale", [], FLOAT, [1 / 256]);
  nodes.push(node("Sub", ["input", mean], ["input/centred"], "input/centred"));
  nodes.push(node("Mul", ["input/centred", scale], ["input/normalised"], "input/normalised"));

  let x = convLayer("input/normalised", "conv32_down", { stride: 2, pad: false, relu: true });
  nodes.push(node("MaxPool", [x], ["maxpool"], "maxpool", { kernel_shape: [3, 3], strides: [2, 2] }));
  x = "maxpool";
  let side = Math.floor((Math.floor((150 - 7) / 2) + 1 - 3) / 2) + 1; // 35
  let channels = 32;
  for (const stage of [
    ["conv32_1", "conv32_2", "conv32_3"],
    ["conv64_down", "conv64_1", "conv64_2", "conv64_3"],
    ["conv128_down", "conv128_1", "conv128_2"],
    ["conv256_down", "conv256_1", "conv256_2"],
    ["conv256_down_out"],
  ]) {
    for (const prefix of stage) {
      if (prefix.includes("down")) [x, side, channels] = residualDown(x, prefix, side, channels);
      else x = residual(x, prefix);
    }
  }
  nodes.push(node("GlobalAveragePool", [x], ["pooled"], "pooled"));
  nodes.push(node("Flatten", ["pooled"], ["features"], "features", { axis: 1 }));
  const fc = take("fc"); // [256, 128], features x fc
  const fcName = constant("fc/W", fc.shape, FLOAT, fc.values);
  nodes.push(node("MatMul", ["features", fcName], ["embedding"], "fc"));

  const unused = [...weights.keys()].filter((k) => !used.has(k));
  if (unused.length) throw new Error(`weights not used: ${unused.join(", ")}`);

  const graph = message(7, [
    ...nodes,
    bytes(2, "dlib_face_recognition_resnet_model_v1"),
    ...initializers,
    valueInfo(11, "input", ["n", 3, 150, 150]),
    valueInfo(12, "embedding", ["n", 128]),
  ]);
  // ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8
  return Buffer.concat([
    int(1, 7),
    bytes(2, "glimpse tfjs-to-onnx.mjs (faceapi-resnet)"),
    graph,
    message(8, [bytes(1, ""), int(2, 13)]),
  ]);
}

export const converters = { "faceapi-resnet": faceapiResnetToOnnx };
