import fs from 'node:fs';

export function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

/** Flags for a closed network: no background traffic; WebGPU allowed (software adapter). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--enable-unsafe-webgpu',
  // A machine with a real GPU passes its flags here (bench/device.sh: Vulkan, no blocklist).
  ...(process.env.CHROMIUM_EXTRA_ARGS ?? '').split(/\s+/).filter(Boolean),
];
