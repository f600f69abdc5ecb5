// Build step (generate-resources): fetch the face models named in models.properties from the npm registry,
// check each against its sha256 and copy it to the generated resources. Extracted models are cached by
// checksum, so rebuilds neither run npm nor download the tarballs again.
// Usage: node fetch-models.mjs <models.properties> <outputDir> <cacheDir>
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

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

fs.mkdirSync(outDir, { recursive: true });
fs.mkdirSync(cacheDir, { recursive: true });
for (const id of props.models.split(",").map((s) => s.trim())) {
  const pkg = props[`${id}.package`], entry = props[`${id}.entry`];
  const file = props[`${id}.file`], expected = props[`${id}.sha256`];
  const target = path.join(outDir, file);
  if (fs.existsSync(target) && sha256(fs.readFileSync(target)) === expected) continue;
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
  fs.writeFileSync(target, bytes);
  console.log(`[fetch-models] ${id}: ${file} (${bytes.length} bytes, sha256 ok)`);
}
