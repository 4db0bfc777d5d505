import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEvidence, sniff, zipEntryNames } from './file-kind.ts';

const b = (...xs: (number | string)[]) => new Uint8Array(xs.flatMap((x) => (typeof x === 'string' ? [...Buffer.from(x)] : [x])));

test('file kinds come from the bytes: PDF, PNG, JPEG, GIF, WebP, old Office, OOXML by entry names, ZIP', () => {
  assert.equal(sniff(b('%PDF-1.7')).kind, 'pdf');
  assert.equal(sniff(b(0x89, 'PNG')).mime, 'image/png');
  assert.equal(sniff(b(0xff, 0xd8, 0xff, 0xe0)).mime, 'image/jpeg');
  assert.equal(sniff(b('GIF89a')).kind, 'image');
  assert.equal(sniff(b('RIFF', 0, 0, 0, 0, 'WEBP')).mime, 'image/webp');
  assert.equal(sniff(b(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 'W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t')).kind, 'word');
  assert.equal(sniff(b(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 'EncryptedPackage')).kind, null);
  assert.equal(sniff(b('PK', 3, 4), ['[Content_Types].xml', 'word/document.xml']).kind, 'word');
  assert.equal(sniff(b('PK', 3, 4), ['xl/workbook.xml']).kind, 'excel');
  assert.equal(sniff(b('PK', 3, 4), ['照片/1.jpg']).kind, 'zip');
  assert.equal(sniff(b('MZ', 0x90)).kind, null);
  assert.equal(sniff(b('hello')).kind, null);
});

test('evidence must be an allowed kind and agree with its extension', () => {
  assert.deepEqual(checkEvidence('通知.PDF', sniff(b('%PDF-1.4'))), { ok: true, kind: 'pdf', mime: 'application/pdf' });
  assert.equal(checkEvidence('材料.zip', sniff(b('PK', 3, 4), ['word/document.xml'])).ok, true);
  const renamed = checkEvidence('照片.jpg', sniff(b('%PDF-1.4')));
  assert.equal(renamed.ok, false);
  assert.match((renamed as { message: string }).message, /扩展名是 \.jpg，但内容是PDF 文件/);
  assert.match((checkEvidence('a.exe', sniff(b('MZ'))) as { message: string }).message, /不支持「\.exe」/);
  assert.match((checkEvidence('报告', sniff(b('%PDF'))) as { message: string }).message, /无扩展名/);
  assert.equal(checkEvidence('表.xlsx', sniff(b('PK', 3, 4), ['word/document.xml'])).ok, false);
});

test('ZIP entry names are read from the central directory', () => {
  const name = Buffer.from('word/document.xml');
  const rec = Buffer.alloc(46 + name.length);
  rec.writeUInt32LE(0x02014b50, 0);
  rec.writeUInt16LE(name.length, 28);
  name.copy(rec, 46);
  assert.deepEqual(zipEntryNames(new Uint8Array(Buffer.concat([Buffer.from('junk'), rec]))), ['word/document.xml']);
});
