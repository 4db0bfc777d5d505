/**
 * Bytes → text for the plain-text formats (txt, md, html): detects BOMs, UTF-16 without BOM,
 * UTF-8, and falls back to GB18030 (a superset of GBK/GB2312). Rejects binary content.
 */
import iconv from 'iconv-lite';
import { AppError } from '../shared/errors.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** The encoding the bytes are most likely in. */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const utf16 = guessUtf16WithoutBom(bytes);
  if (utf16) return utf16;
  if (isValidUtf8(bytes)) return 'utf-8';
  return 'gb18030';
}

/** UTF-16 text without a BOM: ASCII and CJK both leave a regular pattern of zero bytes or pairs. */
function guessUtf16WithoutBom(bytes: Uint8Array): TextEncoding | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.2 && zeroEven < pairs * 0.02) return 'utf-16le';
  if (zeroEven > pairs * 0.2 && zeroOdd < pairs * 0.02) return 'utf-16be';
  // CJK-only UTF-16 has no zero bytes; it decodes to mostly CJK code points and is invalid UTF-8
  if (!isValidUtf8(bytes.subarray(0, n)) && looksLikeCjkUtf16(bytes, n, true)) return 'utf-16le';
  if (!isValidUtf8(bytes.subarray(0, n)) && looksLikeCjkUtf16(bytes, n, false)) return 'utf-16be';
  return null;
}

function looksLikeCjkUtf16(bytes: Uint8Array, n: number, le: boolean): boolean {
  let cjk = 0;
  for (let i = 0; i < n; i += 2) {
    const cu = le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    if ((cu >= 0x4e00 && cu <= 0x9fff) || (cu >= 0x3000 && cu <= 0x303f) || (cu >= 0xff00 && cu <= 0xffef) || cu === 0x0a || cu === 0x0d)
      cjk++;
  }
  return cjk > (n / 2) * 0.7;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    // a multi-byte sequence cut at the end of a sample is not an error
    strictUtf8.decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Decodes the bytes, dropping a BOM. Throws UNSUPPORTED for binary content. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const encoding = detectEncoding(bytes);
  let text: string;
  if (encoding === 'utf-8') text = new TextDecoder('utf-8').decode(bytes);
  else text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (looksBinary(text)) throw new AppError('UNSUPPORTED', '文件不是可读的文本（疑似二进制文件），无法解析');
  return { text, encoding };
}

/** Control characters other than tab/CR/LF/FF, or replacement characters, in bulk mean binary. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8192);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || c === 0x7f) bad++;
  }
  return bad > n * 0.02;
}

/** CRLF and lone CR become LF; form feeds (page breaks) become LF too. Line count is otherwise kept. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\f/g, '\n');
}
