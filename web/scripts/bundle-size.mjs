#!/usr/bin/env node
// Sums the gzipped JS that the login page + 工作台 route load, from dist/web/.vite/manifest.json.
// Usage: node web/scripts/bundle-size.mjs   (after `npx vite build --config web/vite.config.ts`)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../../dist/web');
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const ROUTE_MODULES = ['src/pages/Login.tsx', 'src/layout/AppLayout.tsx', 'src/pages/Dashboard.tsx'];

const files = new Set();
const visit = (key) => {
  const e = manifest[key];
  if (!e || files.has(e.file)) return;
  files.add(e.file);
  for (const i of e.imports ?? []) visit(i);
};
visit('index.html');
for (const m of ROUTE_MODULES) visit(m);

let total = 0;
const rows = [];
for (const f of files) {
  if (!f.endsWith('.js')) continue;
  const gz = gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  total += gz;
  rows.push([f, gz]);
}
rows.sort((a, b) => b[1] - a[1]);
for (const [f, gz] of rows) console.log(`${(gz / 1024).toFixed(1).padStart(8)} KB  ${f}`);
console.log(`${(total / 1024).toFixed(1).padStart(8)} KB  total (login + 工作台, gzipped JS)`);
if (total > 500 * 1024) {
  console.error('over the 500 KB budget');
  process.exit(1);
}
