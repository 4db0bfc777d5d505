import JSZip from 'jszip';
import { plansRepo } from '../db/repositories/plans.ts';
import { periodsRepo, reportsRepo } from '../db/repositories/reports.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import type { ReportRow } from '../db/schema.ts';
import { writeLedger, type LedgerRow } from '../exports/ledger-xlsx.ts';
import { COMPLETION_LABEL } from '../shared/api/reports.ts';
import { AppError } from '../shared/errors.ts';
import type { ServiceContext } from './context.ts';
import { getPlan } from './plans.ts';
import { canReadReport, canReadUnitWork } from './policies.ts';
import { taskNumber } from '../domain/task-number.ts';

interface LedgerQuery {
  planId: string;
  periodId: string;
  /** a unit's own 台账; absent for the whole region (office, leaders, inspectors) */
  unitId?: string;
}

/**
 * The rows of a period's 台账 and the reports behind them. A liaison's export holds only their
 * unit's tasks and reports; the region's export, every task with its consolidated (lead) report.
 */
async function ledgerData(ctx: ServiceContext, q: LedgerQuery) {
  const plan = await getPlan(ctx, q.planId);
  const period = await periodsRepo.findById(ctx.db, q.periodId);
  if (!period || period.plan_id !== plan.id) throw new AppError('NOT_FOUND', '报送周期不存在');
  const a = ctx.actor;
  const unitId = q.unitId ?? (a.kind === 'user' && a.role === 'liaison' ? a.unitId : undefined);
  if (unitId) {
    const unit = await unitsRepo.findById(ctx.db, unitId);
    if (!unit || !canReadUnitWork(a, unit.id, unit.region_id)) throw new AppError('NOT_FOUND', '单位不存在或您无权查看');
  }
  const assignments = (await plansRepo.assignmentsOfPlan(ctx.db, plan.id)).filter((x) => x.active === 1);
  const tasks = plan.tasks.filter((t) => !unitId || t.assignments.some((x) => x.unitId === unitId));
  const reports = (await reportsRepo.ofTasks(ctx.db, tasks.map((t) => t.id))).filter(
    (r) => r.period_id === period.id && r.state !== 'draft' && canReadReport(a, r, assignments.filter((x) => x.task_id === r.task_id)),
  );
  const files = await reportsRepo.filesOf(ctx.db, reports.map((r) => r.id));
  const unitNames = new Map((await unitsRepo.findByIds(ctx.db, [...new Set(reports.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  const speaking = (taskId: string): ReportRow[] => {
    const mine = reports.filter((r) => r.task_id === taskId);
    if (unitId) return mine.filter((r) => r.unit_id === unitId);
    const lead = mine.filter((r) => r.role === 'lead');
    return lead.length ? lead : mine;
  };
  const rows: (LedgerRow & { reports: ReportRow[] })[] = tasks.map((t, i) => {
    const rs = speaking(t.id);
    return {
      seq: i + 1,
      number: taskNumber(t.path),
      text: t.text,
      lead: t.assignments.filter((x) => x.role === 'lead').map((x) => x.unitName).join('、') || t.owners.filter((o) => o.role === 'lead').map((o) => o.printed).join('、'),
      responsible: t.assignments.filter((x) => x.role === 'co').map((x) => x.unitName).join('、'),
      due: t.deadlines.map((d) => d.meaning).join('；') || '未明确时限',
      progress: rs.map((r) => `${rs.length > 1 ? `【${unitNames.get(r.unit_id)}】` : ''}${r.narrative}${r.completion ? `（${COMPLETION_LABEL[r.completion as keyof typeof COMPLETION_LABEL]}${r.percent !== null ? `，${r.percent}%` : ''}）` : ''}`).join('\n') || '未报送',
      status: t.status,
      evidence: files.filter((f) => rs.some((r) => r.id === f.report_id)).map((f) => f.file_name).join('\n'),
      reports: rs,
    };
  });
  const scope = unitId ? ((await unitsRepo.findById(ctx.db, unitId))?.name ?? '') : '全县';
  return { plan, period, rows, files, unitNames, title: `${plan.title}${period.label}进展台账（${scope}）` };
}

export async function exportLedger(ctx: ServiceContext, q: LedgerQuery): Promise<{ fileName: string; data: Buffer }> {
  const d = await ledgerData(ctx, q);
  return { fileName: `${d.title}.xlsx`, data: await writeLedger(d.title, d.rows) };
}

/**
 * The period's evidence as a ZIP: a folder per task (编号 and the first words of the task), the files
 * inside named as uploaded, and 清单.csv listing task, unit, file, size and sha256 so the archive can
 * be checked against the platform.
 */
export async function exportEvidenceZip(ctx: ServiceContext, q: LedgerQuery): Promise<{ fileName: string; data: Buffer }> {
  if (!ctx.blobs) throw new AppError('INTERNAL', '文件存储未配置');
  const d = await ledgerData(ctx, q);
  const zip = new JSZip();
  const manifest = ['序号,任务编号,单位,文件名,大小（字节）,SHA-256,压缩包内路径'];
  let n = 0;
  for (const row of d.rows) {
    const folder = `${String(row.seq).padStart(3, '0')}_${row.number}_${row.text.slice(0, 16).replace(/[\\/:*?"<>|\s]/g, '')}`;
    const used = new Set<string>();
    for (const r of row.reports) {
      for (const f of d.files.filter((x) => x.report_id === r.id)) {
        let name = `${d.unitNames.get(r.unit_id)}_${f.file_name}`;
        while (used.has(name)) name = name.replace(/(\.[^.]+)?$/, (ext) => `_${used.size}${ext}`);
        used.add(name);
        zip.file(`${folder}/${name}`, ctx.blobs.read(f.sha256));
        manifest.push([++n, row.number, d.unitNames.get(r.unit_id), f.file_name, f.size, f.sha256, `${folder}/${name}`].map((x) => `"${String(x).replace(/"/g, '""')}"`).join(','));
      }
    }
  }
  // a BOM so Excel opens the manifest as UTF-8
  zip.file('清单.csv', '\ufeff' + manifest.join('\r\n') + '\r\n');
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return { fileName: `${d.title}佐证材料.zip`, data };
}
