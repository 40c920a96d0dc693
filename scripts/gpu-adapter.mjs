// Prints, as one JSON line, the GPU adapters headless Chromium sees with the benchmarks' flags
// (e2e/chromium.mjs, plus CHROMIUM_EXTRA_ARGS): the WebGPU adapter's description and whether it
// is a fallback, and the WebGL renderer. `software` is true when either is SwiftShader, llvmpipe
// or another software rasteriser (lib/backend/decide.ts#looksSoftware's words). bench/device.sh
// runs it first, so its table says whether the figures come from a real GPU.
import { chromium } from 'playwright-core';
import { startStaticServer } from './serve-static.mjs';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.mjs';

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic|lavapipe|mesa offscreen/i;
const exe = findChromium();
if (!exe) { console.error('gpu-adapter: no Chromium found'); process.exit(1); }
// WebGPU needs a page served over http from 127.0.0.1 (not about:blank).
const { url, close } = await startStaticServer('out', 0);
const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`${url}/404.html`);
  const facts = await page.evaluate(async () => {
    const out = { webgpu: null, webgl: null };
    try {
      const a = navigator.gpu ? await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' }) : null;
      if (a) {
        const i = a.info ?? (a.requestAdapterInfo ? await a.requestAdapterInfo() : {});
        out.webgpu = { description: [i.vendor, i.architecture, i.device, i.description].filter(Boolean).join(' '), fallback: Boolean(a.isFallbackAdapter || i.isFallbackAdapter) };
      }
    } catch (e) { out.webgpuError = String(e); }
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl) {
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      out.webgl = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    }
    return out;
  });
  const software = !facts.webgpu || facts.webgpu.fallback || SOFTWARE.test(facts.webgpu.description) || !facts.webgl || SOFTWARE.test(facts.webgl);
  console.log(JSON.stringify({ ...facts, software }));
} finally {
  await browser.close();
  await close();
}
