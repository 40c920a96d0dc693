// Post-build step: gives every exported HTML page a Content-Security-Policy <meta> tag whose
// script-src lists the SHA-256 hash of each inline script of THAT page (Next's RSC payload pushes,
// the Turbopack bootstrap, the theme script), so the policy needs neither 'unsafe-inline' nor
// 'unsafe-eval' for scripts. 'wasm-unsafe-eval' lets TF.js compile its wasm backend.
// Styles keep 'unsafe-inline': KaTeX's markup and React write style="…" attributes, and
// Observable Plot inserts a <style> element into each figure at run time; neither can be hashed
// ahead of time. Run after `next build` (package.json "build"), before the service worker is
// generated (its revisions must see the final HTML). Idempotent: a second run replaces the tag.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Directives shared by every page; script-src gets the page's hashes appended. */
export const BASE_DIRECTIVES = [
  ["default-src", "'self'"],
  ["script-src", "'self' 'wasm-unsafe-eval'"],
  ["style-src", "'self' 'unsafe-inline'"],
  ["img-src", "'self' data: blob:"],
  ["font-src", "'self'"],
  ["connect-src", "'self'"],
  ["worker-src", "'self'"],
  ["manifest-src", "'self'"],
  ["frame-src", "'self'"],
  ["object-src", "'none'"],
  ["base-uri", "'self'"],
  ["form-action", "'self'"],
];

const META_RE = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\/?>/i;
const SCRIPT_RE = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** The text of each inline (executable) script, as the browser hashes it (newlines normalised). */
export function inlineScripts(html) {
  const out = [];
  for (const m of html.matchAll(SCRIPT_RE)) {
    const attrs = m[1];
    if (/\ssrc\s*=/i.test(attrs)) continue;
    const type = /\stype\s*=\s*"([^"]*)"/i.exec(attrs)?.[1]?.toLowerCase();
    if (type && !['text/javascript', 'module', 'application/javascript'].includes(type)) continue; // data blocks do not run
    out.push(m[2].replace(/\r\n?/g, '\n'));
  }
  return out;
}

export const sha256Source = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy for one page: the shared directives with the page's script hashes. */
export function policyFor(html) {
  const hashes = [...new Set(inlineScripts(html).map(sha256Source))];
  return BASE_DIRECTIVES
    .map(([name, value]) => `${name} ${name === 'script-src' && hashes.length > 0 ? `${value} ${hashes.join(' ')}` : value}`)
    .join('; ');
}

/** The page with its policy tag as the first element of <head> after <meta charset> (a policy applies only below it). */
export function applyPolicy(html) {
  const clean = html.replace(META_RE, '');
  const tag = `<meta http-equiv="Content-Security-Policy" content="${policyFor(clean)}"/>`;
  const charset = /<meta charSet="utf-8"\/?>/i.exec(clean);
  if (charset) return clean.slice(0, charset.index + charset[0].length) + tag + clean.slice(charset.index + charset[0].length);
  const head = /<head[^>]*>/i.exec(clean);
  if (!head) throw new Error('no <head> to put the policy in');
  return clean.slice(0, head.index + head[0].length) + tag + clean.slice(head.index + head[0].length);
}

function htmlFiles(dir) {
  const out = [];
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...htmlFiles(p));
    else if (d.name.endsWith('.html')) out.push(p);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'out';
  if (!fs.existsSync(root)) {
    console.error(`csp: no ${root}/ folder (run next build first)`);
    process.exit(1);
  }
  let pages = 0, scripts = 0;
  for (const file of htmlFiles(root)) {
    const html = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, applyPolicy(html));
    } catch (e) {
      console.error(`csp: ${file}: ${e.message}`);
      process.exit(1);
    }
    pages++;
    scripts += inlineScripts(html).length;
  }
  console.log(`csp: policy written into ${pages} page(s), ${scripts} inline script(s) hashed`);
}
