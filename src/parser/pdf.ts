/**
 * PDF with a text layer → text lines (pdfjs-dist legacy build). A PDF whose pages carry no text
 * (a scan) is refused with a message saying so; an encrypted one is refused as unreadable.
 */
import { AppError } from '../shared/errors.ts';

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
}

export async function pdfToText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (name === 'PasswordException') throw new AppError('UNSUPPORTED', 'PDF 文件已加密（设有密码），无法读取；请取消密码后重新上传');
    throw new AppError('UNSUPPORTED', 'PDF 文件已损坏或格式无法识别，无法读取');
  }
  const pages: string[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      pages.push(pageText(content.items as TextItemLike[]));
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  const text = pages.join('\n');
  if (text.replace(/[\s\u3000]/g, '').length < 10)
    throw new AppError('UNPROCESSABLE', 'PDF 中没有可读取的文字（可能是扫描件或图片），请上传带文字层的 PDF、Word 或文本文件');
  return text;
}

/** Items in reading order; a change of baseline or an end-of-line flag ends a line. */
function pageText(items: TextItemLike[]): string {
  let out = '';
  let lastY: number | null = null;
  for (const it of items) {
    const y = it.transform?.[5] ?? null;
    if (lastY !== null && y !== null && Math.abs(y - lastY) > 2 && !out.endsWith('\n')) out += '\n';
    out += it.str ?? '';
    if (it.hasEOL) out += '\n';
    if (y !== null) lastY = y;
  }
  return out;
}
