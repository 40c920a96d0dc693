#!/usr/bin/env bash
# The image-model and 2D-training benchmarks on every GPU-capable backend, for a machine whose
# Chromium has a real GPU adapter (the build and test machines have none: there WebGPU and WebGL
# run on SwiftShader). Prints one table:
#   backend | image: 16 × DDIM-50, w = 3 (job s, ms/step, ratio to PyTorch's best CPU run,
#             digit / colour agreement) | 2D: 15 s of training on the dino (steps/s, precision@0.1,
#             coverage@0.1, fps, longest main-thread task)
# Usage: bench/device.sh [OUT_DIR]        (after `npm run build`; writes OUT_DIR/<bench>-<backend>/)
# Environment:
#   CHROMIUM_PATH        the browser (default: /usr/bin/chromium or the first found)
#   CHROMIUM_EXTRA_ARGS  flags that give headless Chromium the GPU; default for Linux + Vulkan:
#                        --ignore-gpu-blocklist --enable-gpu --use-angle=vulkan
#                        --enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan
#   BACKENDS             default "webgpu webgl wasm"
#   ALLOW_SOFTWARE=1     run even when the adapter check finds only a software adapter
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench-results/device}
BACKENDS=${BACKENDS:-webgpu webgl wasm}
export CHROMIUM_EXTRA_ARGS=${CHROMIUM_EXTRA_ARGS:---ignore-gpu-blocklist --enable-gpu --use-angle=vulkan --enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan}
[ -f out/index.html ] || { echo "device.sh: no out/: run npm run build first" >&2; exit 1; }
mkdir -p "$OUT"

ADAPTER=$(node scripts/gpu-adapter.mjs)
echo "adapter: $ADAPTER"
echo "$ADAPTER" > "$OUT/adapter.json"
if echo "$ADAPTER" | grep -q '"software":true' && [ "${ALLOW_SOFTWARE:-0}" != 1 ]; then
  echo "device.sh: Chromium sees no real GPU adapter here (software only); set ALLOW_SOFTWARE=1 to run anyway." >&2
  exit 2
fi

for b in $BACKENDS; do
  echo "== bench:image --backend $b"
  # PyTorch's CPU runs are the same for every backend: time them once, with the first.
  torch=--no-torch; [ "$b" = "$(set -- $BACKENDS; echo "$1")" ] && torch=
  npm run -s bench:image -- --count 16 --steps 50 --guidance 3 --digit all --colour all \
    --backend "$b" --threads auto $torch --out "$OUT/image-$b" || echo "bench:image $b failed" >&2
  echo "== bench:train2d --backend $b"
  npm run -s bench:train2d -- --dataset dino --seconds 15 --backend "$b" --out "$OUT/train2d-$b" \
    || echo "bench:train2d $b failed" >&2
done

OUT="$OUT" BACKENDS="$BACKENDS" node --input-type=module -e '
import fs from "node:fs";
const out = process.env.OUT, read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
const backends = process.env.BACKENDS.split(/\s+/).filter(Boolean);
const torch = backends.map((b) => read(`${out}/image-${b}/report.json`)?.pytorchBest).find(Boolean) ?? null;
const f = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? "—" : Number(x).toFixed(d));
const pct = (x) => (x === null || x === undefined ? "—" : `${(100 * x).toFixed(0)}%`);
const adapter = read(`${out}/adapter.json`);
console.log(`\nadapter: webgpu ${adapter?.webgpu?.description || "none"}${adapter?.webgpu?.fallback ? " (fallback)" : ""} · webgl ${adapter?.webgl ?? "none"} · software ${adapter?.software}`);
console.log(`PyTorch CPU best: ${torch ? `${f(torch.totalSeconds)} s (${torch.threads} thread(s))` : "—"}`);
const head = ["asked", "used", "img job s", "ms/step", "÷ torch", "digit", "colour", "2D steps/s", "prec@0.1", "cov@0.1", "fps", "max task ms"];
console.log(head.join(" | "));
for (const b of backends) {
  const im = read(`${out}/image-${b}/report.json`)?.browser?.[0];
  const tr = read(`${out}/train2d-${b}/report.json`);
  console.log([b, `${im?.backend ?? "—"}/${tr?.backend ?? "—"}`, f(im?.totalSeconds), f(im?.perStepMs, 1),
    torch && im ? f(im.totalSeconds / torch.totalSeconds) : "—", pct(im?.classifier?.digitAgreement), pct(im?.classifier?.colourAgreement),
    f(tr?.stepsPerSecond, 1), f(tr?.final?.precision), f(tr?.final?.coverage), f(tr?.mainThread?.fps, 0), f(tr?.mainThread?.longestTaskMs, 0)].join(" | "));
}
console.log(`load average ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
'
