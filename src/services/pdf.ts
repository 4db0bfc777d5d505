/**
 * Word → PDF, shared by every PDF the platform offers (annual reports, the cockpit, the period
 * summary): the .docx is converted by LibreOffice (`soffice --headless --convert-to pdf`) when the
 * server has it. Which soffice: the caller's, else FAZHI_SOFFICE when set (only that one: a wrong
 * path is reported, not silently replaced), else the usual install locations. Without one the
 * refusal says so in Chinese and points to the Word file. Conversions run one at a time
 * (LibreOffice keeps one profile per user); a result may be kept in memory under a key when its
 * source never changes (a public copy).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../shared/errors.ts';

const CANDIDATES = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice'];

export interface PdfOptions {
  /** keep the PDF in memory under this key (for sources that never change) */
  cacheKey?: string;
  /** the soffice binary to use (a test or a deployment's choice); null: none */
  soffice?: string | null;
}

/** The soffice to run, or null when there is none. */
export function sofficePath(explicit?: string | null): string | null {
  if (explicit !== undefined) return explicit && existsSync(explicit) ? explicit : null;
  const env = process.env.FAZHI_SOFFICE;
  if (env) return existsSync(env) ? env : null;
  for (const c of CANDIDATES) if (existsSync(c)) return c;
  return null;
}

let queue: Promise<unknown> = Promise.resolve();
const cache = new Map<string, Buffer>();

/** The PDF of a .docx; UNPROCESSABLE when the server has no LibreOffice. */
export async function docxToPdf(docx: Buffer, o: PdfOptions = {}): Promise<Buffer> {
  if (o.cacheKey && cache.has(o.cacheKey)) return cache.get(o.cacheKey)!;
  const soffice = sofficePath(o.soffice);
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
  if (o.cacheKey) {
    if (cache.size > 200) cache.delete(cache.keys().next().value!);
    cache.set(o.cacheKey, pdf);
  }
  return pdf;
}
