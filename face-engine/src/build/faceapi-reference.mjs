// Not part of the build: writes the reference that DlibEmbedderTest checks the converted model against,
// the descriptors face-api's own tfjs net gives for three synthetic 150x150 images (integer formulas that
// the test computes the same way). Run it again only if the conversion or its input changes:
//   npm install --prefix DIR @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0 @vladmandic/face-api@1.7.15
//   node src/build/faceapi-reference.mjs DIR src/test/resources/app/glimpse/faces/faceapi-reference.tsv
// face-api normalises with (x - mean) / 255 where dlib (and the converted graph) use / 256, so the pixels
// face-api gets are mean + (x - mean) * 255 / 256.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [dir, out] = process.argv.slice(2).map((p) => path.resolve(p));
const require = createRequire(path.join(dir, "node_modules", "x.js"));
const faceapi = require("@vladmandic/face-api/dist/face-api.node-wasm.js");
const tf = faceapi.tf;

/** RGB value of pattern p at (x, y), channel c (0 red, 1 green, 2 blue); DlibEmbedderTest has the same. */
function pattern(p, x, y, c) {
  if (p === 0) return (x * 3 + y * 5 + c * 70 + ((x * y) >> 3)) & 255;
  if (p === 1) return ((((x - 75) * (x - 75) + (y - 60) * (y - 60)) * (c + 1)) >> 6) & 255;
  return ((x >> 3) + (y >> 3) + c) & 1 ? 200 : 40;
}

await tf.setBackend("cpu");
await tf.ready();
const net = faceapi.nets.faceRecognitionNet;
await net.loadFromDisk(path.join(dir, "node_modules", "@vladmandic", "face-api", "model"));
const mean = [122.782, 117.001, 104.298];
const lines = ["# pattern\tface-api faceRecognitionNet descriptor (128 floats), @vladmandic/face-api 1.7.15, tfjs cpu"];
for (let p = 0; p < 3; p++) {
  const pixels = new Float32Array(150 * 150 * 3);
  for (let y = 0; y < 150; y++)
    for (let x = 0; x < 150; x++)
      for (let c = 0; c < 3; c++) {
        pixels[(y * 150 + x) * 3 + c] = mean[c] + ((pattern(p, x, y, c) - mean[c]) * 255) / 256;
      }
  const input = tf.tensor4d(pixels, [1, 150, 150, 3]);
  const descriptor = await net.computeFaceDescriptor(input);
  input.dispose();
  lines.push(`${p}\t${Array.from(descriptor).join(",")}`);
}
fs.writeFileSync(out, lines.join("\n") + "\n");
