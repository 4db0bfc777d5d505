/**
 * What an evidence file really is, read from its bytes, not from its name. Offices attach PDFs,
 * Word and Excel files (old and new formats), photos and ZIP archives; anything else is refused, and
 * so is a file whose content does not match its extension (a renamed .exe stays an .exe).
 */
export type FileKind = 'pdf' | 'word' | 'excel' | 'image' | 'zip';

export const FILE_KIND_LABEL: Record<FileKind, string> = { pdf: 'PDF', word: 'Word 文档', excel: 'Excel 表格', image: '图片', zip: 'ZIP 压缩包' };

interface Sniffed {
  kind: FileKind | null;
  mime: string;
  /** what the bytes are, in words, for messages */
  what: string;
}

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/** Reads the kind from the first bytes and, for ZIP-based formats, the archive's entry names. */
export function sniff(head: Uint8Array, zipNames: string[] = []): Sniffed {
  if (ascii(head, 0, 1024).includes('%PDF-')) return { kind: 'pdf', mime: 'application/pdf', what: 'PDF 文件' };
  if (starts(head, [0x89, 0x50, 0x4e, 0x47])) return { kind: 'image', mime: 'image/png', what: 'PNG 图片' };
  if (starts(head, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg', what: 'JPEG 图片' };
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return { kind: 'image', mime: 'image/gif', what: 'GIF 图片' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { kind: 'image', mime: 'image/webp', what: 'WebP 图片' };
  if (starts(head, [0x42, 0x4d]) && head.length > 26) return { kind: 'image', mime: 'image/bmp', what: 'BMP 图片' };
  if (starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // an OLE compound file: old Word/Excel (or an encrypted new one); the stream names tell which
    const text = ascii(head, 0, head.length).replace(/\0/g, '');
    if (/WordDocument/.test(text)) return { kind: 'word', mime: 'application/msword', what: 'Word 97-2003 文档' };
    if (/Workbook|Book/.test(text)) return { kind: 'excel', mime: 'application/vnd.ms-excel', what: 'Excel 97-2003 表格' };
    return { kind: null, mime: 'application/x-ole-storage', what: '加密或旧版 Office 文件' };
  }
  if (starts(head, [0x50, 0x4b, 0x03, 0x04]) || starts(head, [0x50, 0x4b, 0x05, 0x06])) {
    if (zipNames.some((n) => n.startsWith('word/'))) return { kind: 'word', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', what: 'Word 文档' };
    if (zipNames.some((n) => n.startsWith('xl/'))) return { kind: 'excel', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', what: 'Excel 表格' };
    return { kind: 'zip', mime: 'application/zip', what: 'ZIP 压缩包' };
  }
  if (starts(head, [0x4d, 0x5a])) return { kind: null, mime: 'application/octet-stream', what: '可执行程序' };
  return { kind: null, mime: 'application/octet-stream', what: '无法识别的文件' };
}

const EXTENSIONS: Record<string, FileKind[]> = {
  pdf: ['pdf'],
  doc: ['word'],
  docx: ['word'],
  xls: ['excel'],
  xlsx: ['excel'],
  jpg: ['image'],
  jpeg: ['image'],
  png: ['image'],
  gif: ['image'],
  webp: ['image'],
  bmp: ['image'],
  zip: ['zip', 'word', 'excel'],
};

export const ALLOWED_EXTENSIONS = Object.keys(EXTENSIONS);

export type Verdict = { ok: true; kind: FileKind; mime: string } | { ok: false; message: string };

/** Accepts a file only when its content is an allowed kind and agrees with its extension. */
export function checkEvidence(fileName: string, sniffed: Sniffed): Verdict {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const allowed = EXTENSIONS[ext];
  if (!allowed) return { ok: false, message: `不支持「.${ext || '（无扩展名）'}」类型的文件。佐证材料可上传 PDF、Word、Excel、图片（jpg/png/gif/webp/bmp）或 ZIP 压缩包` };
  if (!sniffed.kind) return { ok: false, message: `「${fileName}」的内容是${sniffed.what}，不能作为佐证材料上传` };
  if (!allowed.includes(sniffed.kind)) return { ok: false, message: `「${fileName}」的扩展名是 .${ext}，但内容是${sniffed.what}，二者不符；请确认文件后重新上传` };
  return { ok: true, kind: sniffed.kind, mime: sniffed.mime };
}

/** Entry names of a ZIP archive, read from its central directory (the tail of the file). */
export function zipEntryNames(tail: Uint8Array): string[] {
  const names: string[] = [];
  for (let i = 0; i + 46 <= tail.length; i++) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x01 && tail[i + 3] === 0x02) {
      const len = tail[i + 28]! | (tail[i + 29]! << 8);
      names.push(new TextDecoder().decode(tail.subarray(i + 46, i + 46 + len)));
      i += 45 + len;
    }
  }
  return names;
}
