// Build step (generate-resources): fetch the face models named in models.properties from the npm registry,
// check each against its sha256 and copy it to the generated resources. Extracted models are cached by
// checksum, so rebuilds neither run npm nor download the tarballs again.
// A model given as tfjs weights (`<id>.convert`) is converted to ONNX by tfjs-to-onnx.mjs: its weights
// manifest (`<id>.entry`, `<id>.sha256`) and shards (`<id>.weightsSha256`, in the manifest's order) are
// checked, the conversion's output against `<id>.packagedSha256`, and the ONNX file is cached by that.
// Usage: node fetch-models.mjs <models.properties> <outputDir> <cacheDir>
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { converters } from "./tfjs-to-onnx.mjs";

const [manifestPath, outDir, cacheDir] = process.argv.slice(2);
const props = {};
for (const line of fs.readFileSync(manifestPath, "utf8").split(/\r?\n/)) {
  const t = line.trim();
  if (!t || t.startsWith("#")) continue;
  const i = t.indexOf("=");
  props[t.slice(0, i).trim()] = t.slice(i + 1).trim();
}

const sha256 = (buf) => createHash("sha256").update(buf).digest("hex");

function tarEntry(tgz, wanted) {
  const tar = zlib.gunzipSync(tgz);
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a, b) => header.subarray(a, b).toString("utf8").replace(/\0.*$/s, "");
    const prefix = str(345, 500);
    const name = (prefix ? prefix + "/" : "") + str(0, 100);
    const size = parseInt(str(124, 136).trim() || "0", 8);
    if (name === wanted) return tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${wanted} not found in tarball`);
}

const tarballs = new Map();
function tarball(pkg) {
  if (!tarballs.has(pkg)) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "glimpse-models-"));
    try {
      console.log(`[fetch-models] npm pack ${pkg}`);
      const npm = process.platform === "win32" ? "npm.cmd" : "npm";
      const out = execFileSync(npm, ["pack", pkg, "--json", "--pack-destination", work], { encoding: "utf8" });
      tarballs.set(pkg, fs.readFileSync(path.join(work, JSON.parse(out)[0].filename)));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  return tarballs.get(pkg);
}

// Protocol buffer fields of a message: [field, wireType, value, start, end, dataStart] with offsets
// into the model's bytes (only what the batch patch below needs).
function varint(b, i) {
  let r = 0n, shift = 0n;
  for (;;) {
    const c = b[i++];
    r |= BigInt(c & 0x7f) << shift;
    shift += 7n;
    if (c < 0x80) return [r, i];
  }
}
function fields(b, from, to) {
  const out = [];
  for (let i = from; i < to; ) {
    const start = i;
    let key;
    [key, i] = varint(b, i);
    const field = Number(key >> 3n), wire = Number(key & 7n);
    if (wire === 0) { let v; [v, i] = varint(b, i); out.push({ field, start, end: i }); }
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else if (wire === 2) {
      let len;
      [len, i] = varint(b, i);
      out.push({ field, start, data: i, end: i + Number(len) });
      i += Number(len);
    } else throw new Error(`wire type ${wire} at ${start}`);
  }
  return out;
}
const child = (b, msg, field) => fields(b, msg.data, msg.end).filter((f) => f.field === field);

// The packaged embedder is exported with batch size 1: its graph input and output have a fixed first
// dimension of 1 and its only Reshape flattens to (1, -1). Make the batch free so that the faces of a
// photo go through one call: each fixed first dimension (dim_value 1, bytes 08 01) becomes an
// unnamed free dimension (dim_param "", bytes 12 00), and the Reshape's 1 becomes 0 ("keep the
// input's"). Same length, so no enclosing length changes. Embeddings are unchanged (checked by
// FaceEmbedderTest against one-at-a-time calls).
function freeBatch(model) {
  const b = Buffer.from(model);
  const graph = fields(b, 0, b.length).find((f) => f.field === 7);
  for (const io of [11, 12]) {
    const valueInfo = child(b, graph, io);
    if (valueInfo.length !== 1) throw new Error("expected one graph input and one output");
    const tensor = child(b, child(b, valueInfo[0], 2)[0], 1)[0];
    const dim = child(b, child(b, tensor, 2)[0], 1)[0];
    if (b[dim.data] !== 0x08 || b[dim.data + 1] !== 0x01 || dim.end !== dim.data + 2) {
      throw new Error("first dimension is not a fixed 1");
    }
    b[dim.data] = 0x12;
    b[dim.data + 1] = 0x00;
  }
  const flatten = Buffer.from([1, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  const at = b.indexOf(flatten);
  if (at < 0 || b.indexOf(flatten, at + 1) >= 0) throw new Error("expected one Reshape to (1, -1)");
  b[at] = 0;
  return b;
}

/** The ONNX model converted from tfjs weights: from the cache, else fetched, checked and converted. */
function converted(id, pkg, entry, expected, packaged) {
  const convert = converters[props[`${id}.convert`]];
  if (!convert) fail(`${id}: unknown conversion ${props[`${id}.convert`]}`);
  const cached = path.join(cacheDir, `${packaged}.onnx`);
  if (fs.existsSync(cached)) {
    const bytes = fs.readFileSync(cached);
    if (sha256(bytes) === packaged) return bytes;
  }
  const tgz = tarball(pkg);
  const manifest = Buffer.from(tarEntry(tgz, entry));
  if (sha256(manifest) !== expected) fail(`${pkg} ${entry}: sha256 ${sha256(manifest)}, manifest says ${expected}`);
  const dir = path.posix.dirname(entry);
  const expectedShards = (props[`${id}.weightsSha256`] || "").split(",").map((s) => s.trim());
  const paths = JSON.parse(manifest.toString("utf8")).map((group) => group.paths);
  if (paths.flat().length !== expectedShards.length) {
    fail(`${id}: ${paths.flat().length} weight files, ${expectedShards.length} in weightsSha256`);
  }
  let k = 0;
  const shards = paths.map((group) =>
    group.map((p) => {
      const shard = Buffer.from(tarEntry(tgz, `${dir}/${p}`));
      const want = expectedShards[k++];
      if (sha256(shard) !== want) fail(`${pkg} ${dir}/${p}: sha256 ${sha256(shard)}, manifest says ${want}`);
      return shard;
    }),
  );
  const bytes = convert(manifest, shards);
  if (sha256(bytes) !== packaged) fail(`${id}: converted sha256 ${sha256(bytes)}, manifest says ${packaged}`);
  fs.writeFileSync(cached, bytes);
  return bytes;
}

function fail(message) {
  console.error(`[fetch-models] ${message}`);
  process.exit(1);
}

fs.mkdirSync(outDir, { recursive: true });
fs.mkdirSync(cacheDir, { recursive: true });
for (const id of props.models.split(",").map((s) => s.trim())) {
  const pkg = props[`${id}.package`], entry = props[`${id}.entry`];
  const file = props[`${id}.file`], expected = props[`${id}.sha256`];
  const target = path.join(outDir, file);
  const patch = props[`${id}.patch`];
  const packaged = props[`${id}.packagedSha256`] || expected;
  if (fs.existsSync(target) && sha256(fs.readFileSync(target)) === packaged) continue;
  if (props[`${id}.convert`]) {
    fs.writeFileSync(target, converted(id, pkg, entry, expected, packaged));
    console.log(`[fetch-models] ${id}: ${file} (converted from ${pkg}, sha256 ok)`);
    continue;
  }
  const cached = path.join(cacheDir, `${expected}.onnx`);
  let bytes = fs.existsSync(cached) ? fs.readFileSync(cached) : null;
  if (!bytes || sha256(bytes) !== expected) {
    bytes = Buffer.from(tarEntry(tarball(pkg), entry));
    const actual = sha256(bytes);
    if (actual !== expected) {
      console.error(`[fetch-models] ${pkg} ${entry}: sha256 ${actual}, manifest says ${expected}`);
      process.exit(1);
    }
    fs.writeFileSync(cached, bytes);
  }
  if (patch === "free-batch") {
    bytes = freeBatch(bytes);
    if (sha256(bytes) !== packaged) {
      console.error(`[fetch-models] ${id}: patched sha256 ${sha256(bytes)}, manifest says ${packaged}`);
      process.exit(1);
    }
  } else if (patch) {
    console.error(`[fetch-models] ${id}: unknown patch ${patch}`);
    process.exit(1);
  }
  fs.writeFileSync(target, bytes);
  console.log(`[fetch-models] ${id}: ${file} (${bytes.length} bytes, sha256 ok${patch ? ", " + patch : ""})`);
}
