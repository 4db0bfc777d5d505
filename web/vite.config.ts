import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(resolve(here, '../package.json'), 'utf8')) as { version: string };

/**
 * antd components that only the data pages (tables, trees, pickers, uploads …) use. They stay out of
 * the `antd` vendor chunk so the login page and 工作台 load only the shell's components; Rollup
 * splits them into chunks shared by the pages that need them.
 */
const ANTD_DATA = new Set([
  'table', 'tree', 'tree-select', 'date-picker', 'calendar', 'time-picker', 'upload', 'transfer', 'steps', 'descriptions',
  'segmented', 'input-number', 'popconfirm', 'select', 'auto-complete', 'cascader', 'pagination', 'checkbox', 'radio', 'drawer',
  'list', 'listy', 'image', 'color-picker', 'slider', 'rate', 'mentions', 'carousel', 'qr-code', 'qrcode', 'tour', 'splitter',
  'masonry', 'timeline', 'anchor', 'float-button', 'watermark', 'empty', 'switch', 'collapse', 'tabs', 'skeleton',
]);
const RC_DATA = new Set([
  'table', 'tree', 'tree-select', 'picker', 'upload', 'steps', 'segmented', 'input-number', 'mini-decimal', 'select', 'pagination',
  'checkbox', 'virtual-list', 'cascader', 'drawer', 'image', 'color-picker', 'slider', 'rate', 'mentions', 'tour', 'collapse',
  'tabs', 'switch', 'listy', 'qrcode', 'textarea',
]);

/** Vendor chunks: React (+ router), antd's shell components, echarts. Everything else splits per lazy route. */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  const m = id.replace(/\\/g, '/');
  if (/\/node_modules\/(echarts|zrender)\//.test(m)) return 'echarts';
  if (/\/node_modules\/(react|react-dom|scheduler|react-router|cookie|set-cookie-parser)\//.test(m)) return 'react';
  if (/\/node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|@emotion|stylis|clsx|classnames|compute-scroll-into-view|scroll-into-view-if-needed|throttle-debounce|json2mq|string-convert|@babel\/runtime)\//.test(m)) {
    // the package barrels import every component: leave them out, or the whole library joins the chunk
    if (/\/node_modules\/antd\/(es|lib)\/index\.js$/.test(m)) return undefined;
    if (m.includes('/locale/')) return 'antd';
    const a = /\/node_modules\/antd\/(?:es|lib)\/([^/]+)\//.exec(m);
    if (a && ANTD_DATA.has(a[1]!)) return undefined;
    const r = /\/node_modules\/@rc-component\/([^/]+)\//.exec(m);
    if (r && RC_DATA.has(r[1]!)) return undefined;
    return 'antd';
  }
  return undefined;
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: { '@shared': resolve(here, '../src/shared') },
  },
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  build: {
    outDir: resolve(here, '../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    manifest: true,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
      '/healthz': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
