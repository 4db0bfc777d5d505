import { regionsRepo } from '../db/repositories/regions.ts';
import { unitsRepo } from '../db/repositories/units.ts';
import { usersRepo } from '../db/repositories/users.ts';
import type { Role, UnitKind } from '../shared/enums.ts';
import { ROLE_LABEL } from '../shared/enums.ts';
import type { ServiceContext } from './context.ts';
import { ensureDefaultGroups, seedGroupMembers } from './groups.ts';
import { createRegion } from './regions.ts';
import { createUnit } from './units.ts';
import { createUser } from './users.ts';
import { inTransaction } from '../db/client.ts';
import { automaticDecisions, commitImport, getImport, uploadPlan } from './plan-import.ts';
import { Readable } from 'node:stream';
import { AppError } from '../shared/errors.ts';
import { FixedClock, todayIn } from '../shared/clock.ts';
import { actorFor } from './auth.ts';
import { uploadEvidence } from './evidence.ts';
import { addProblem, closeProblem, getProblem, rectifyProblem, returnProblem, uploadVisitFile } from './inspections-problems.ts';
import { createInspectionPlan, inspectionScope, recordVisit } from './inspections.ts';
import { listPlans } from './plans.ts';
import { seedDemoMetricValues } from './demo-metrics.ts';
import { seedDemoReports } from './demo-reports.ts';
import { plansRepo } from '../db/repositories/plans.ts';

export interface DemoRegion {
  province: string;
  prefecture: string;
  name: string;
  abbr: string;
  /** latin prefix of the demo accounts, e.g. xifeng → xifeng.office */
  slug: string;
  units: { name: string; short: string; kind: UnitKind; aliases: string[] }[];
  /** the region's plan document, under data/plans/ */
  plan?: string;
}

/** Reads a demo plan's bytes; the caller (runtime) owns the file system. */
export type PlanReader = (fileName: string) => Uint8Array;

export const DEMO_PASSWORD = 'Fazhi@2026';

export interface DemoAccount {
  username: string;
  role: string;
  region: string;
  unit: string | null;
}

/**
 * Loads the demo on an empty database: the regions of the seed plans with a few units each,
 * the default groups, each region's plan (its owners added to the directory, its group phrases
 * seeded with members), and one account per role per region; for the first region, its quarters of
 * progress reports (unless `history` is false), a 督察 under way and some metric values. Does nothing when regions exist.
 */
export async function loadDemo(ctx: ServiceContext, regions: DemoRegion[], readPlan?: PlanReader, opts: { history?: boolean } = {}): Promise<DemoAccount[] | null> {
  if ((await regionsRepo.count(ctx.db)) > 0) return null;
  return inTransaction(ctx.db, async (trx) => {
    const tctx: ServiceContext = { ...ctx, db: trx as ServiceContext['db'] };
    const accounts: DemoAccount[] = [];
    await createUser(tctx, { username: 'admin', displayName: '系统管理员', role: 'admin', password: DEMO_PASSWORD }, { mustChangePassword: false });
    accounts.push({ username: 'admin', role: ROLE_LABEL.admin, region: '全部', unit: null });
    const provinces = new Map<string, string>();
    const cities = new Map<string, string>();
    for (const r of regions) {
      let provinceId = provinces.get(r.province);
      if (!provinceId) {
        provinceId = (await createRegion(tctx, { name: r.province, level: 'province', parentId: null })).id;
        provinces.set(r.province, provinceId);
      }
      const cityKey = `${r.province}/${r.prefecture}`;
      let cityId = cities.get(cityKey);
      if (!cityId) {
        cityId = (await createRegion(tctx, { name: r.prefecture, level: 'city', parentId: provinceId, province: r.province })).id;
        cities.set(cityKey, cityId);
      }
      const county = await createRegion(tctx, { name: r.name, level: 'county', parentId: cityId, abbr: r.abbr, province: r.province, prefecture: r.prefecture });
      const unitIds: string[] = [];
      for (const [i, u] of r.units.entries()) {
        const created = await createUnit(tctx, { regionId: county.id, name: u.name, shortName: u.short, kind: u.kind, parentId: null, sortOrder: (i + 1) * 10, aliases: u.aliases });
        unitIds.push(created.id);
      }
      await ensureDefaultGroups(tctx, county.id, county.name);
      if (r.plan && readPlan) {
        const uploaded = await uploadPlan(tctx, { regionId: county.id, fileName: r.plan, bytes: readPlan(r.plan) });
        // the directory first: a unit for every name the plan prints that is not one yet, then the
        // group phrases seeded from it (all townships, the enforcement departments …), so that when
        // the plan is committed every phrase expands to members and no owned task is left unassigned
        const first = await automaticDecisions(tctx, uploaded);
        for (const [printed, d] of Object.entries(first)) {
          if (d.action !== 'create') continue;
          if (await unitsRepo.findByName(trx, county.id, d.name)) continue;
          await createUnit(tctx, { regionId: county.id, name: d.name, kind: d.kind, parentId: null, sortOrder: 1000, aliases: printed !== d.name ? [printed] : [] });
        }
        await seedGroupMembers(tctx, county.id, Object.entries(first).filter(([, d]) => d.action === 'group').map(([printed]) => printed));
        const imp = await getImport(tctx, uploaded.id);
        await commitImport(tctx, imp.id, { decisions: await automaticDecisions(tctx, imp) });
      }
      const roles: [Role, string, string | null][] = [
        ['office', `${r.name}依法治办`, unitIds[0] ?? null],
        ['liaison', `${r.units[1]?.short ?? '单位'}联络员`, unitIds[1] ?? null],
        ['leader', `${r.name}分管领导`, null],
        ['inspector', `${r.name}督察考核组`, null],
      ];
      for (const [role, displayName, unitId] of roles) {
        const username = `${r.slug}.${role}`;
        if (await usersRepo.findByUsername(trx, username)) continue;
        await createUser(tctx, { username, displayName, role, regionId: county.id, unitId: role === 'liaison' || role === 'office' ? unitId : null, password: DEMO_PASSWORD }, { mustChangePassword: false });
        accounts.push({ username, role: ROLE_LABEL[role], region: r.name, unit: role === 'liaison' || role === 'office' ? (r.units[role === 'office' ? 0 : 1]?.name ?? null) : null });
      }
      if (r === regions[0] && opts.history !== false) for (const plan of await plansRepo.list(trx, county.id)) await seedDemoReports(tctx, plan, r.slug);
      if (r === regions[0]) await seedDemoInspections(tctx, county.id, unitIds, r.slug);
      if (r === regions[0]) await seedDemoMetricValues(tctx, county.id, r.slug);
    }
    return accounts;
  });
}

// ------------------------------------------------------------------ 督察 (demo)

/** A small photo and a PDF: the bytes of the demo's site photos and rectification reports. */
const DEMO_PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000003000000024080200000040272e5d000000444944415478daedd5c10900200c03c00ed6211cdbb11cc1168a201ce49ddc2f912bafd9854cf50410101010105013f472acd2030404040404d405797b20202020a0cf41070f541eea093dfbbe0000000049454e44ae426082', 'hex');
const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const bytes = (b: Buffer) => Readable.from([b]);

/** What the demo inspectors find: the problem, the 整改要求, the deadline (days from today) and what becomes of it. */
type DemoFate = 'open' | 'overdue' | 'submitted' | 'returned' | 'closed';
const DEMO_FINDINGS: { unit: number; visitDay: number; problems: { description: string; evidence: string; requirement: string; deadline: number; fate: DemoFate }[] }[] = [
  {
    unit: 1,
    visitDay: -50,
    problems: [
      { description: '行政规范性文件未全部履行合法性审核程序，抽查的5件中有1件未经审核即印发。', evidence: '现场调阅发文登记簿和审核意见书，见照片。', requirement: '对已印发的规范性文件开展清理，健全合法性审核登记制度，未经审核的一律不得印发。', deadline: 20, fate: 'open' },
      { description: '重大行政决策目录未按期公布，2项决策的专家论证、风险评估材料未归档。', evidence: '查阅政府网站和决策档案。', requirement: '公布本年度重大行政决策目录，补齐决策程序材料并归档。', deadline: -10, fate: 'overdue' },
      { description: '政务公开栏信息更新不及时，权责清单未按机构改革动态调整。', evidence: '实地查看政务公开栏，见照片。', requirement: '15日内更新公开信息，动态调整权责清单并在政府网站公布。', deadline: -5, fate: 'submitted' },
      { description: '领导干部学法计划未落实，上半年仅组织集体学法1次。', evidence: '查阅会议记录。', requirement: '按年度学法计划补足集体学法次数，建立学法档案。', deadline: 10, fate: 'returned' },
    ],
  },
  {
    unit: 0,
    visitDay: -45,
    problems: [
      { description: '行政执法案卷评查未覆盖全部执法类别，部分案卷文书不规范。', evidence: '抽查执法案卷10卷，见评查记录。', requirement: '完成全部执法类别的案卷评查，对不规范文书逐卷整改。', deadline: -20, fate: 'closed' },
      { description: '公共法律服务平台值班记录不全，部分咨询未登记办理结果。', evidence: '查阅值班登记簿。', requirement: '健全值班和咨询登记制度，逐件补登办理结果。', deadline: 30, fate: 'open' },
    ],
  },
  {
    unit: 3,
    visitDay: -40,
    problems: [
      { description: '行政执法“三项制度”落实不到位，执法全过程记录设备配备不足。', evidence: '实地查看执法记录仪配备和使用台账，见照片。', requirement: '按执法人员数配齐执法记录仪，建立使用和存储台账。', deadline: -3, fate: 'overdue' },
      { description: '“谁执法谁普法”责任清单未在门户网站公布。', evidence: '查看门户网站。', requirement: '公布普法责任清单，并按清单开展普法活动。', deadline: -8, fate: 'closed' },
    ],
  },
];

/**
 * The demo county's 督察, through the services as its office, inspectors and liaison would do it, on
 * days counted back from the clock: an inspection plan of four units, three visits recorded with their
 * 问题清单 and photos, problems in every state (待整改, 逾期未整改, 整改报告待核查, 退回重新整改, 已销号),
 * and one visit still planned. Needs the file store (the photos and rectification reports are files).
 */
export async function seedDemoInspections(ctx: ServiceContext, regionId: string, unitIds: string[], slug: string): Promise<void> {
  if (!ctx.blobs) throw new AppError('INTERNAL', '载入演示督察数据需要文件存储（现场照片和整改材料）');
  const db = ctx.db;
  const as = async (username: string, days: number): Promise<ServiceContext> => {
    const row = (await usersRepo.findByUsername(db, username))!;
    return { ...ctx, actor: await actorFor(db, row, regionId), clock: new FixedClock(new Date(base + days * 86400_000)) };
  };
  const base = ctx.clock.now().getTime();
  const day = (days: number) => todayIn(new FixedClock(new Date(base + days * 86400_000)));
  const [plan] = await listPlans(await as(`${slug}.office`, 0), regionId);
  if (!plan) return;
  const inspectorId = (await usersRepo.findByUsername(db, `${slug}.inspector`))!.id;
  // each unit's first tasks in the plan become its checklist
  const scopes = new Map<number, string[]>();
  for (const i of [0, 1, 3, 4]) {
    const s = unitIds[i] ? await inspectionScope(await as(`${slug}.office`, -60), { planId: plan.id, unitId: unitIds[i] }) : null;
    if (s?.tasks.length) scopes.set(i, s.tasks.slice(0, 4).map((t) => t.id));
  }
  const findings = DEMO_FINDINGS.filter((f) => scopes.has(f.unit));
  const planned = scopes.has(4) ? [{ unit: 4, visitDay: 10 }] : [];
  const visits = [...findings, ...planned].map((f) => ({ unitId: unitIds[f.unit]!, scheduledOn: day(f.visitDay), inspectorIds: [inspectorId], taskIds: scopes.get(f.unit)!, headingIds: [] }));
  if (!visits.length) return;
  const year = Number(day(0).slice(0, 4));
  const created = await createInspectionPlan(await as(`${slug}.office`, -60), { title: `${year}年度法治政府建设督察（演示）`, year, planId: plan.id, startsOn: day(-55), endsOn: day(20), note: '演示数据：对部分单位开展实地督察，查阅资料、听取汇报、实地查看。', visits });
  for (const f of findings) {
    const visit = created.visits.find((v) => v.unitId === unitIds[f.unit])!;
    const inspector = await as(`${slug}.inspector`, f.visitDay);
    const photo = await uploadVisitFile(inspector, visit.id, { fileName: '现场检查照片.png', stream: bytes(DEMO_PNG) });
    const ids: { id: string; fate: DemoFate }[] = [];
    for (const [i, p] of f.problems.entries()) {
      const key = visit.checklist[i]?.key ?? null;
      const added = await addProblem(inspector, visit.id, { checklistKey: key, description: p.description, evidenceNote: p.evidence, requirement: p.requirement, deadline: day(p.deadline), uploadIds: i === 0 || p.evidence.includes('照片') ? [photo.uploadId] : [] });
      ids.push({ id: added.id, fate: p.fate });
    }
    const flagged = new Set(f.problems.map((_, i) => visit.checklist[i]?.key).filter((k) => k !== undefined));
    const results = Object.fromEntries(visit.checklist.map((c) => [c.key, { result: flagged.has(c.key) ? ('problem' as const) : ('ok' as const), note: flagged.has(c.key) ? '' : '落实到位' }]));
    await recordVisit(inspector, visit.id, { version: visit.version, visitedOn: day(f.visitDay), summary: `听取汇报、查阅资料、实地查看，发现问题${f.problems.length}个。`, results });
    // the unit's side: its liaison where the demo has one, else the office on its behalf
    const writer = f.unit === 1 ? `${slug}.liaison` : `${slug}.office`;
    for (const [i, p] of ids.entries()) {
      if (p.fate === 'open' || p.fate === 'overdue') continue;
      const deadline = f.problems[i]!.deadline;
      const rectifyOn = p.fate === 'returned' ? -20 : Math.min(deadline - 2, -6);
      const unit = await as(writer, rectifyOn);
      const file = await uploadEvidence(unit, { unitId: unitIds[f.unit]!, fileName: '整改佐证材料.pdf', stream: bytes(DEMO_PDF) });
      const cur = await getProblem(unit, p.id);
      const sub = await rectifyProblem(unit, p.id, { version: cur.version, rectification: '已按整改要求逐项整改，建立长效机制，整改材料见附件。', uploadIds: [file.uploadId] });
      if (p.fate === 'returned') await returnProblem(await as(`${slug}.inspector`, -15), p.id, sub.version, '整改报告未附学法档案和会议记录，请补充后重新提交。');
      if (p.fate === 'closed') await closeProblem(await as(`${slug}.inspector`, rectifyOn + 2), p.id, sub.version, '经实地核查，整改到位，予以销号。');
    }
  }
}
