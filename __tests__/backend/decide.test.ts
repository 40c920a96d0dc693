import { decideAuto, decideForced, looksSoftware, isBackendPreference, type BackendProbe } from '@/lib/backend/decide';

const p = (x: Partial<BackendProbe> & { name: BackendProbe['name'] }): BackendProbe => ({ available: true, ...x });

describe('backend decision', () => {
  test('a software WebGPU adapter never wins over wasm, even if it measured faster', () => {
    const d = decideAuto([
      p({ name: 'webgpu', software: true, adapter: 'google swiftshader', msPerStep: 5 }),
      p({ name: 'webgl', software: true, msPerStep: 50 }),
      p({ name: 'wasm', msPerStep: 20 }),
      p({ name: 'cpu' }),
    ]);
    expect(d.name).toBe('wasm');
    expect(d.reason).toMatch(/^wasm 20 ms\/step/);
    expect(d.reason).toMatch(/webgpu is a software adapter \(google swiftshader\)/);
  });

  test('an unflagged GPU backend measured far slower than wasm is treated as software', () => {
    const d = decideAuto([p({ name: 'webgpu', msPerStep: 420 }), p({ name: 'wasm', msPerStep: 20 })]);
    expect(d.name).toBe('wasm');
    expect(d.reason).toMatch(/webgpu is a software adapter \(measured 3×\+ slower than wasm\): 420 ms\/step vs 20 ms/);
  });

  test('a software adapter that was not timed is reported as such and loses to wasm', () => {
    const d = decideAuto([p({ name: 'webgpu', software: true, skipped: true, adapter: 'google swiftshader' }), p({ name: 'wasm', msPerStep: 18 })]);
    expect(d.name).toBe('wasm');
    expect(d.reason).toBe('wasm 18 ms/step (webgpu is a software adapter (google swiftshader): not timed)');
  });

  test('a real GPU that is faster than wasm wins', () => {
    const d = decideAuto([p({ name: 'webgpu', msPerStep: 3, adapter: 'nvidia ampere' }), p({ name: 'webgl', msPerStep: 6 }), p({ name: 'wasm', msPerStep: 20 })]);
    expect(d.name).toBe('webgpu');
  });

  test('without wasm a software adapter may still be used (it beats pure JS)', () => {
    const d = decideAuto([p({ name: 'webgl', software: true, msPerStep: 50 }), p({ name: 'wasm', available: false, error: 'no wasm' }), p({ name: 'cpu', msPerStep: 85 })]);
    expect(d.name).toBe('webgl');
    expect(d.reason).toMatch(/wasm unavailable: no wasm/);
  });

  test('nothing available throws a clear error', () => {
    expect(() => decideAuto([p({ name: 'cpu', available: false })])).toThrow(/No TF.js backend could start/);
  });

  test('a forced backend falls through the fixed order when it cannot start', () => {
    const d = decideForced('webgpu', [p({ name: 'webgpu', available: false, error: 'no WebGPU adapter' }), p({ name: 'webgl' })]);
    expect(d.name).toBe('webgl');
    expect(d.reason).toBe('webgl (override webgpu failed: no WebGPU adapter; fell back)');
    expect(decideForced('wasm', [p({ name: 'wasm' })]).reason).toBe('wasm (chosen in the override)');
  });

  test('software renderer strings and preference parsing', () => {
    expect(looksSoftware('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))')).toBe(true);
    expect(looksSoftware('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(looksSoftware('ANGLE (NVIDIA GeForce RTX 3060)')).toBe(false);
    expect(looksSoftware(undefined)).toBe(false);
    expect(isBackendPreference('auto')).toBe(true);
    expect(isBackendPreference('tpu')).toBe(false);
  });
});
