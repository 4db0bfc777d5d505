import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { tooLargeMessage } from '../shared/format.ts';


/** Reads the one uploaded file of a multipart request into memory, refusing what is too large. */
export async function readUpload(req: FastifyRequest, limitBytes: number): Promise<{ fileName: string; data: Buffer } | null> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED', '请以文件上传（multipart/form-data）的方式提交');
  const part = await req.file({ limits: { fileSize: limitBytes } });
  if (!part) return null;
  const data = await part.toBuffer().catch((e: { code?: string }) => {
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('TOO_LARGE', tooLargeMessage(limitBytes));
    throw new AppError('VALIDATION', '文件上传未完成，请重新上传');
  });
  if (part.file.truncated) throw new AppError('TOO_LARGE', tooLargeMessage(limitBytes));
  return { fileName: part.filename, data };
}

/** Sends a generated file with a UTF-8 file name that Chinese browsers save correctly. */
export function sendDownload(reply: FastifyReply, fileName: string, data: Buffer, type: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(data);
}
