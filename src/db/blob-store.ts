import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { AppError } from '../shared/errors.ts';
import { tooLargeMessage } from '../shared/format.ts';

/**
 * Files stored by the sha256 of their content: the same file attached to many reports is stored
 * once. A file is written to a temporary name, hashed while it streams, fsynced and renamed into
 * place before any row points at it, so a crash or an interrupted upload leaves no row without
 * its bytes (at worst an unreferenced temp file, swept on start).
 */
export interface BlobStore {
  /** streams a file in, refusing it past maxBytes; returns its hash, size and first/last bytes for sniffing */
  put(stream: Readable, maxBytes: number): Promise<StoredBlob>;
  path(sha256: string): string;
  has(sha256: string): boolean;
  read(sha256: string): Readable;
  /** deletes a blob that no row references (a refused upload) */
  discard(sha256: string): void;
}

export interface StoredBlob {
  sha256: string;
  size: number;
  head: Uint8Array;
  tail: Uint8Array;
  /** false when identical content was already stored */
  isNew: boolean;
}

export class LocalBlobStore implements BlobStore {
  private readonly tmp: string;
  constructor(private readonly root: string) {
    this.tmp = join(root, 'tmp');
    mkdirSync(this.tmp, { recursive: true });
    // temp files are never referenced: what a crash left behind can go (only old ones: another
    // process sharing the directory may be writing a fresh one right now)
    const hourAgo = Date.now() - 3_600_000;
    for (const f of readdirSync(this.tmp)) {
      const p = join(this.tmp, f);
      if (statSync(p).mtimeMs < hourAgo) rmSync(p, { force: true });
    }
  }

  path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('NOT_FOUND', '文件不存在');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.path(sha256));
  }

  read(sha256: string): Readable {
    return createReadStream(this.path(sha256));
  }

  discard(sha256: string): void {
    rmSync(this.path(sha256), { force: true });
  }

  async put(stream: Readable, maxBytes: number): Promise<StoredBlob> {
    const tmpPath = join(this.tmp, randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > maxBytes) return cb(new AppError('TOO_LARGE', tooLargeMessage(maxBytes)));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    // the temp file is created before any byte flows: when the source fails early, the catch below
    // removes a file that already exists, instead of racing a write stream that opens it later
    const out = await open(tmpPath, 'wx');
    try {
      await pipeline(stream, meter, out.createWriteStream());
      const truncated = (stream as Readable & { truncated?: boolean }).truncated;
      if (truncated) throw new AppError('TOO_LARGE', tooLargeMessage(maxBytes));
      const fh = await open(tmpPath, 'r');
      const head = Buffer.alloc(Math.min(size, 8192));
      const tail = Buffer.alloc(Math.min(size, 65536));
      try {
        await fh.read(head, 0, head.length, 0);
        await fh.read(tail, 0, tail.length, Math.max(0, size - tail.length));
        await fh.sync();
      } finally {
        await fh.close();
      }
      const sha256 = hash.digest('hex');
      const dest = this.path(sha256);
      const isNew = !existsSync(dest);
      if (isNew) {
        mkdirSync(join(this.root, sha256.slice(0, 2)), { recursive: true });
        renameSync(tmpPath, dest);
      } else rmSync(tmpPath, { force: true });
      return { sha256, size, head, tail, isNew };
    } catch (e) {
      await out.close().catch(() => {});
      rmSync(tmpPath, { force: true });
      if (e instanceof AppError) throw e;
      throw new AppError('VALIDATION', '文件上传未完成，请重新上传');
    }
  }
}

