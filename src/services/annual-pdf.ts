/**
 * PDF of an annual report: the Word file converted by LibreOffice (`soffice --headless --convert-to pdf`)
 * when the server has it. Without it the refusal says so in Chinese and points to the Word file.
 * Conversions run one at a time (LibreOffice keeps one profile per user) and each public copy's PDF is
 * kept in memory once made, since a public copy never changes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../shared/errors.ts';

const CANDIDATES = [process.env.FAZHI_SOFFICE, '/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice'];

export function sofficePath(): string | null {
  for (const c of CANDIDATES) if (c && existsSync(c)) return c;
  return null;
}

let queue: Promise<unknown> = Promise.resolve();
const cache = new Map<string, Buffer>();

export async function docxToPdf(docx: Buffer, cacheKey?: string): Promise<Buffer> {
  if (cacheKey && cache.has(cacheKey)) return cache.get(cacheKey)!;
  const soffice = sofficePath();
  if (!soffice) throw new AppError('UNPROCESSABLE', '服务器未安装 LibreOffice，暂时无法生成 PDF，请下载 Word 版本（管理员可安装 LibreOffice 或设置 FAZHI_SOFFICE 指向 soffice）');
  const job = queue.then(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-pdf-'));
    try {
      writeFileSync(join(dir, 'report.docx'), docx);
      await new Promise<void>((resolve, reject) =>
        execFile(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], { timeout: 120_000 }, (err) => (err ? reject(err) : resolve())),
      );
      const out = join(dir, 'report.pdf');
      if (!existsSync(out)) throw new Error('no pdf');
      return readFileSync(out);
    } catch {
      throw new AppError('INTERNAL', 'PDF 生成失败，请稍后再试或下载 Word 版本');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  queue = job.catch(() => undefined);
  const pdf = await job;
  if (cacheKey) {
    if (cache.size > 200) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey, pdf);
  }
  return pdf;
}
