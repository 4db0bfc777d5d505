/**
 * The public portal of annual reports: no login. It reads only the public copies (annual_publications),
 * never a report row, so nothing unpublished can reach it: an id that has no public copy answers
 * NOT_FOUND exactly like an id that does not exist. Each report has a stable address
 * (/portal/reports/<report id>: its current copy) and each copy its own (/portal/reports/<id>/v/<no>);
 * a corrected copy shows its note and lists the earlier ones. Search is over the segmented words of the
 * current copies (annual-search.ts); the feed lists the newest copies, corrections included.
 */
import { annualRepo } from '../db/repositories/annual-reports.ts';
import type { AnnualPublicationRow } from '../db/schema.ts';
import { formatChineseDate } from '../domain/dates.ts';
import { writeAnnualReportDocx } from '../exports/annual-report-docx.ts';
import type { PortalItem, PortalQuery, PortalReport } from '../shared/api/annual-reports.ts';
import { todayIn } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { queryTerms, snippetOf } from './annual-search.ts';
import { docxToPdf } from './pdf.ts';
import type { ServiceContext } from './context.ts';

const notFound = () => new AppError('NOT_FOUND', '报告不存在或尚未公开');
const chinaDay = (iso: string) => todayIn({ now: () => new Date(iso) });

export async function portalRegions(ctx: ServiceContext) {
  const rows = await annualRepo.publicYears(ctx.db);
  const out = new Map<string, { id: string; name: string; years: { year: number; count: number }[] }>();
  for (const r of rows) {
    if (!out.has(r.region_id)) out.set(r.region_id, { id: r.region_id, name: r.region_name, years: [] });
    out.get(r.region_id)!.years.push({ year: r.year, count: r.n });
  }
  return { items: [...out.values()] };
}

/** Published reports by region and year, or those holding every word of the query. */
export async function portalSearch(ctx: ServiceContext, q: PortalQuery): Promise<{ items: PortalItem[]; total: number }> {
  const page = q.page ?? 1;
  const size = Math.min(q.pageSize ?? 20, 50);
  const terms = q.q ? queryTerms(q.q) : [];
  if (q.q && !terms.length) return { items: [], total: 0 };
  if (!terms.length) {
    const { rows, total } = await annualRepo.listCurrent(ctx.db, { regionId: q.regionId, year: q.year, limit: size, offset: (page - 1) * size });
    return {
      total,
      items: rows.map((r) => ({ reportId: r.report_id, no: r.no, title: r.title, regionId: r.region_id, regionName: r.region_name, unitName: r.unit_name, year: Number(r.year), publishedAt: r.published_at, corrected: r.no > 1, snippet: snippetOf(r.head.split('\n').slice(1).join(' '), []), terms: [] })),
    };
  }
  const { ids, total } = await annualRepo.search(ctx.db, { terms, regionId: q.regionId, year: q.year, limit: size, offset: (page - 1) * size });
  const rows = new Map((await annualRepo.publicationsByIds(ctx.db, ids)).map((r) => [r.id, r]));
  return {
    total,
    items: ids
      .map((id) => rows.get(id))
      .filter((r) => r !== undefined)
      .map((r) => ({ reportId: r.report_id, no: r.no, title: r.title, regionId: r.region_id, regionName: r.region_name, unitName: r.unit_name, year: r.year, publishedAt: r.published_at, corrected: r.no > 1, snippet: snippetOf(r.plain_text.split('\n').slice(1).join('\n'), terms, 90, q.q), terms })),
  };
}

async function copyOf(ctx: ServiceContext, reportId: string, no?: number): Promise<AnnualPublicationRow> {
  const p = await annualRepo.findPublication(ctx.db, reportId, no);
  if (!p) throw notFound();
  return p;
}

export async function portalReport(ctx: ServiceContext, reportId: string, no?: number): Promise<PortalReport> {
  const p = await copyOf(ctx, reportId, no);
  const all = await annualRepo.publicationsOf(ctx.db, reportId);
  return {
    reportId,
    no: p.no,
    latestNo: Math.max(...all.map((x) => x.no)),
    title: p.title,
    regionName: p.region_name,
    unitName: p.unit_name,
    year: p.year,
    publishedAt: p.published_at,
    correctionNote: p.correction_note,
    blocks: JSON.parse(p.body_json) as PortalReport['blocks'],
    versions: all.map((x) => ({ no: x.no, publishedAt: x.published_at, correctionNote: x.correction_note })),
  };
}

export async function portalDocx(ctx: ServiceContext, reportId: string, no?: number): Promise<{ fileName: string; data: Buffer; key: string }> {
  const p = await copyOf(ctx, reportId, no);
  const data = await writeAnnualReportDocx({ title: p.title, author: p.unit_name ?? `${p.region_name}人民政府`, date: chinaDay(p.published_at), blocks: JSON.parse(p.body_json) as PortalReport['blocks'] as never, draft: false });
  return { fileName: `${p.title}${p.no > 1 ? `（更正版${p.no}）` : ''}.docx`, data, key: p.id };
}

export async function portalPdf(ctx: ServiceContext, reportId: string, no?: number): Promise<{ fileName: string; data: Buffer }> {
  const w = await portalDocx(ctx, reportId, no);
  return { fileName: w.fileName.replace(/\.docx$/, '.pdf'), data: await docxToPdf(w.data, { cacheKey: w.key }) };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An Atom feed of the newest public copies (a correction is an entry of its own). */
export async function portalFeed(ctx: ServiceContext, opts: { baseUrl: string; regionId?: string }): Promise<string> {
  const rows = await annualRepo.recentPublications(ctx.db, { regionId: opts.regionId, limit: 50 });
  const base = opts.baseUrl.replace(/\/$/, '');
  const updated = rows[0]?.published_at ?? new Date(0).toISOString();
  const entries = rows.map((r) => {
    const link = `${base}/portal/reports/${r.report_id}/v/${r.no}`;
    const summary = `${r.region_name}${r.unit_name ? ` · ${r.unit_name}` : ''} · ${r.year}年度 · ${formatChineseDate(chinaDay(r.published_at))}${r.no > 1 ? '更正' : ''}公开${r.correction_note ? `。更正说明：${r.correction_note}` : ''}。${r.head.split('\n').slice(1).join(' ')}`;
    return `  <entry>\n    <title>${esc(r.title)}${r.no > 1 ? '（更正）' : ''}</title>\n    <id>urn:fazhi:annual:${r.report_id}:${r.no}</id>\n    <link rel="alternate" type="text/html" href="${esc(link)}"/>\n    <updated>${r.published_at}</updated>\n    <published>${r.published_at}</published>\n    <summary>${esc(summary)}</summary>\n  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">\n  <title>法治政府建设年度报告公开</title>\n  <id>urn:fazhi:annual:${opts.regionId ?? 'all'}</id>\n  <link rel="self" type="application/atom+xml" href="${esc(`${base}/api/portal/feed.xml${opts.regionId ? `?regionId=${opts.regionId}` : ''}`)}"/>\n  <link rel="alternate" type="text/html" href="${esc(`${base}/portal`)}"/>\n  <updated>${updated}</updated>\n${entries.join('\n')}\n</feed>\n`;
}
