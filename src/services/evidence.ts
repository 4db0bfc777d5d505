import type { Readable } from 'node:stream';
import { inTransaction } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { plansRepo } from '../db/repositories/plans.ts';
import { uploadsRepo } from '../db/repositories/reports.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { checkEvidence, sniff, zipEntryNames } from '../domain/file-kind.ts';
import type { Evidence } from '../shared/api/reports.ts';
import { AppError } from '../shared/errors.ts';
import { recordAudit } from './audit.ts';
import { nowIso, type ServiceContext } from './context.ts';
import { authorize, canReadReport, canWriteFor } from './policies.ts';

const DEFAULT_LIMIT = 50 * 1024 * 1024;

function store(ctx: ServiceContext) {
  if (!ctx.blobs) throw new AppError('INTERNAL', '文件存储未配置');
  return ctx.blobs;
}

const view = (u: { id: string; file_name: string; kind: string; mime: string; size: number; sha256: string; created_at: string }): Evidence => ({
  uploadId: u.id, fileName: u.file_name, kind: u.kind, mime: u.mime, size: u.size, sha256: u.sha256, uploadedAt: u.created_at,
});

/**
 * Stores one evidence file for a unit. The bytes are streamed to disk and hashed first; the type is
 * read from the content and must agree with the extension; only then is the row written. A refused
 * or interrupted upload leaves no row, and its bytes are removed unless another row uses them.
 */
export async function uploadEvidence(ctx: ServiceContext, input: { unitId: string; fileName: string; stream: Readable }): Promise<Evidence> {
  const unit = await unitsRepo.findById(ctx.db, input.unitId);
  if (!unit) throw new AppError('NOT_FOUND', '单位不存在');
  if (!canWriteFor(ctx.actor, unit.id, unit.region_id)) {
    if (ctx.actor.kind === 'user' && ctx.actor.regionIds.includes(unit.region_id)) authorize(false, '为其他单位上传材料');
    throw new AppError('NOT_FOUND', '单位不存在');
  }
  return storeUpload(ctx, { regionId: unit.region_id, unitId: unit.id, fileName: input.fileName, stream: input.stream, audit: { action: 'evidence.upload', summary: (name) => `上传佐证材料「${name}」` } });
}

/**
 * The one upload pipeline, shared by evidence and the inspectors' photos: the bytes are streamed to
 * the blob store and hashed; an empty file, or one whose content does not match its extension, is
 * refused and its bytes removed unless another row uses them; then the uploads row and its audit entry
 * are written in one transaction. The caller has authorized the upload and names the unit it belongs to.
 */
export async function storeUpload(
  ctx: ServiceContext,
  input: { regionId: string; unitId: string; fileName: string; stream: Readable; audit: { action: string; summary: (fileName: string) => string; extra?: Record<string, unknown> } },
): Promise<Evidence> {
  const fileName = input.fileName.split(/[\\/]/).pop()!.trim().slice(0, 200);
  if (!fileName) throw new AppError('VALIDATION', '文件名为空');
  const blobs = store(ctx);
  const stored = await blobs.put(input.stream, ctx.uploadLimitBytes ?? DEFAULT_LIMIT);
  const drop = async () => {
    if (stored.isNew && !(await uploadsRepo.isBlobReferenced(ctx.db, stored.sha256))) blobs.discard(stored.sha256);
  };
  if (stored.size === 0) {
    await drop();
    throw new AppError('VALIDATION', `「${fileName}」是空文件，请选择有内容的文件`);
  }
  const verdict = checkEvidence(fileName, sniff(stored.head, zipEntryNames(stored.tail)));
  if (!verdict.ok) {
    await drop();
    throw new AppError('UNSUPPORTED', verdict.message);
  }
  const now = nowIso(ctx);
  const row = { id: newId(), region_id: input.regionId, unit_id: input.unitId, sha256: stored.sha256, file_name: fileName, kind: verdict.kind, uploaded_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null, created_at: now };
  await inTransaction(ctx.db, async (trx) => {
    await uploadsRepo.ensureBlob(trx, { sha256: stored.sha256, size: stored.size, mime: verdict.mime, created_at: now });
    await uploadsRepo.insert(trx, row);
    await recordAudit(trx, ctx, { action: input.audit.action, entityType: 'upload', entityId: row.id, regionId: row.region_id, summary: input.audit.summary(fileName), after: { ...input.audit.extra, fileName, size: stored.size, sha256: stored.sha256 } });
  });
  return view({ ...row, mime: verdict.mime, size: stored.size });
}

/** The unit's files, newest first, to attach again to this period's report without uploading. */
export async function unitEvidence(ctx: ServiceContext, unitId: string): Promise<Evidence[]> {
  const unit = await unitsRepo.findById(ctx.db, unitId);
  if (!unit || !canWriteFor(ctx.actor, unit.id, unit.region_id)) throw new AppError('NOT_FOUND', '单位不存在或您无权查看');
  return (await uploadsRepo.ofUnit(ctx.db, unitId)).map(view);
}

/**
 * Opens a file for download or preview: allowed to its unit, and to whoever may read a report it is
 * attached to. Images and PDFs may be shown inline; everything else is a download.
 */
export async function openEvidence(ctx: ServiceContext, uploadId: string): Promise<{ stream: Readable; mime: string; fileName: string; size: number; inline: boolean }> {
  const u = await uploadsRepo.findById(ctx.db, uploadId);
  if (!u) throw new AppError('NOT_FOUND', '文件不存在或您无权查看');
  let allowed = !!u.unit_id && canWriteFor(ctx.actor, u.unit_id, u.region_id);
  if (!allowed) {
    for (const r of await uploadsRepo.reportsOf(ctx.db, u.id)) {
      const assignments = (await plansRepo.assignmentsOfPlan(ctx.db, r.plan_id)).filter((a) => a.task_id === r.task_id && a.active === 1);
      if (canReadReport(ctx.actor, r, assignments)) {
        allowed = true;
        break;
      }
    }
  }
  if (!allowed) throw new AppError('NOT_FOUND', '文件不存在或您无权查看');
  const blobs = store(ctx);
  if (!blobs.has(u.sha256)) throw new AppError('NOT_FOUND', '文件内容缺失，请联系管理员');
  return { stream: blobs.read(u.sha256), mime: u.mime, fileName: u.file_name, size: u.size, inline: u.kind === 'pdf' || u.kind === 'image' };
}
