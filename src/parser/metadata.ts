/**
 * Document metadata from the header and preamble: title, region, province, prefecture, period, kind,
 * draft marker, issuer, document number, issue date and the parent documents cited in 《》.
 */
import type { PlanDocument } from '../shared/plan-draft.ts';
import type { Line } from './normalize.ts';
import { parseMarker } from './numbering.ts';
import { cnValue } from './numbering.ts';

const PROVINCES = [
  '北京市', '天津市', '上海市', '重庆市', '河北省', '山西省', '辽宁省', '吉林省', '黑龙江省', '江苏省', '浙江省', '安徽省',
  '福建省', '江西省', '山东省', '河南省', '湖北省', '湖南省', '广东省', '海南省', '四川省', '贵州省', '云南省', '陕西省',
  '甘肃省', '青海省', '台湾省', '内蒙古自治区', '广西壮族自治区', '西藏自治区', '宁夏回族自治区', '新疆维吾尔自治区',
];
const PROVINCE_SHORT: Record<string, string> = Object.fromEntries(
  PROVINCES.map((p) => [p.replace(/省|市|自治区|壮族|回族|维吾尔/g, ''), p]),
);

const KIND = /(实施方案|实施意见|工作要点|工作方案|行动方案|行动计划|工作计划|实施纲要|规划|纲要|方案|意见|计划|要点|办法|细则)$/;
const TITLE_WORDS = /(?:法治|依法治|依法行政)[^。；]*(?:实施方案|实施意见|工作要点|工作方案|行动方案|行动计划|工作计划|实施纲要|规划|纲要|方案|意见|计划|要点)/;
const PERIOD = /[（(]?\s*(\d{4})\s*[—–\-－~～至到]+\s*(\d{4})\s*年?\s*[）)]?/;
const FIVE_YEAR: Record<string, [number, number]> = { 十三五: [2016, 2020], 十四五: [2021, 2025], 十五五: [2026, 2030], 十六五: [2031, 2035] };
const DRAFT = /征求意见稿|送审稿|讨论稿|审议稿|草案|征求意见/;
const DOC_NUMBER = /^[\u4e00-\u9fff]{1,10}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号$/;
const DATE_LINE = /^(\d{4}|[一二三四五六七八九〇零○Ｏ]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日(印发)?$/;

const pad = (n: number) => String(n).padStart(2, '0');

function cnYear(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const d: Record<string, string> = { 〇: '0', 零: '0', '○': '0', Ｏ: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
  return Number([...s].map((c) => d[c] ?? '').join(''));
}

export function cleanTitle(t: string): string {
  return t
    .replace(/[《》]/g, '')
    .replace(/[（(]\s*\d{4}\s*[—–\-－~～至到]+\s*\d{4}\s*年?\s*[）)]/g, '')
    .replace(/[（(](?:征求意见稿|送审稿|讨论稿|审议稿|草案)[）)]/g, '')
    .replace(/(?:征求意见稿|送审稿|讨论稿)$/, '')
    .replace(/[\s\u3000]/g, '')
    .replace(/^关于印发/, '')
    .replace(/的通知$/, '');
}

/** Lines before the first top-level heading (and at most the first 60). */
function headerLines(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    if (!l.text) continue;
    const m = parseMarker(l.text);
    if (m && (m.kind === 'cn' || m.kind === 'chapter' || m.kind === 'pcn' || m.kind === 'ar')) break;
    out.push(l);
    if (out.length >= 60) break;
  }
  return out;
}

function findTitle(head: Line[]): { title: string | null; line: Line | null } {
  // a standalone title line wins over the notice "关于印发《…》的通知"; two short lines may form one title
  for (let i = 0; i < head.length; i++) {
    const t = head[i]!.text;
    if (t.length > 80 || /[。；]$/.test(t) || /关于印发|《/.test(t) || /^[（(][^）)]*[）)]$/.test(t)) continue;
    const next = head[i + 1]?.text ?? '';
    if (!TITLE_WORDS.test(t) && TITLE_WORDS.test(next)) continue;
    const joined = i + 1 < head.length && !TITLE_WORDS.test(t) ? t + head[i + 1]!.text : t;
    if (TITLE_WORDS.test(t) || (TITLE_WORDS.test(joined) && joined.length <= 60 && !/《|。/.test(joined))) {
      return { title: cleanTitle(TITLE_WORDS.test(t) ? t : joined), line: head[i]! };
    }
  }
  const notice = head.map((l) => l.text).join('');
  const m = /关于印发《([^》]+)》/.exec(notice) ?? /《([^》]*(?:方案|规划|要点|意见|计划))》/.exec(notice);
  if (m) return { title: cleanTitle(m[1]!), line: null };
  const first = head.find((l) => l.text.length <= 60 && !/[。，]/.test(l.text));
  return { title: first ? cleanTitle(first.text) : null, line: first ?? null };
}

export function regionOf(title: string | null): string | null {
  if (!title) return null;
  const cut = title.search(/法治|依法|关于|[“"]|\d{4}|人民政府|政府/);
  const prefix = cut > 0 ? title.slice(0, cut) : '';
  const m = /([^省市州盟县区旗]{1,8}(?:自治县|自治旗|自治州|县|市|区|旗|州|盟))$/.exec(prefix);
  return m ? m[1]! : null;
}

function provinceOf(text: string, region: string | null): string | null {
  for (const p of PROVINCES) if (text.includes(p) && p !== region) return p;
  for (const [short, full] of Object.entries(PROVINCE_SHORT)) if (short.length >= 2 && new RegExp(`(?:中共|^|《)${short}(?:省委|法治|人民政府)`).test(text)) return full;
  return null;
}

function prefectureOf(text: string, region: string | null): string | null {
  const re = /(?:省|《|中共|、|，|^)([\u4e00-\u9fff]{2,4}?(?:市|州|盟))(?=委|人民政府|法治|政府|[\u4e00-\u9fff]{0,4}法治)/g;
  for (const m of text.matchAll(re)) {
    const name = m[1]!.replace(/^中共/, '');
    if (name !== region && !PROVINCES.includes(name) && !/^[省县区]/.test(name)) return name;
  }
  return null;
}

function periodOf(headRaw: string, title: string | null): [number, number] | null {
  // A one-year plan names its year in the title (某某区2026年…工作要点): that wins over a range
  // cited from a parent document in the preamble (《…纲要（2026—2030年）》).
  const single = /(?<![\d—–\-－~～至到])(\d{4})\s*年(?:度)?(?![\d—–\-－~～至到])/.exec(title ?? '');
  if (single && !PERIOD.test(title ?? '')) {
    const y = Number(single[1]);
    if (y >= 1990 && y <= 2100) return [y, y];
  }
  // ranges inside 《》 are the cited documents' periods, not this plan's
  const head = headRaw.replace(/《[^》]*》/g, '');
  const m = PERIOD.exec(head);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a >= 1990 && b >= a && b - a <= 15) return [a, b];
  }
  const five = /(十[三四五六]五)/.exec(title ?? head);
  if (five) return FIVE_YEAR[five[1]!] ?? null;
  // last resort: the plan's own title quoted in a notice (关于印发《…（2026—2030年）》的通知)
  const quoted = PERIOD.exec(headRaw);
  if (quoted && Number(quoted[2]) >= Number(quoted[1]) && Number(quoted[2]) - Number(quoted[1]) <= 15) return [Number(quoted[1]), Number(quoted[2])];
  return null;
}

function issuedOn(lines: Line[]): string | null {
  let printed: string | null = null;
  for (const l of lines) {
    const m = DATE_LINE.exec(l.text.replace(/[\s\u3000]/g, ''));
    if (!m) continue;
    const iso = `${cnYear(m[1]!)}-${pad(cnValue(m[2]!))}-${pad(cnValue(m[3]!))}`;
    if (!m[4]) return iso;
    printed ??= iso;
  }
  return printed;
}

function issuerOf(head: Line[], lines: Line[]): string | null {
  const texts = head.map((l) => l.text);
  for (let i = 0; i < texts.length; i++) {
    const k = texts[i]!.indexOf('关于印发');
    if (k < 0) continue;
    const before = texts[i]!.slice(0, k).trim();
    if (before && /^[\u4e00-\u9fff\s、]{2,40}$/.test(before)) return before;
    if (before) continue;
    if (i > 0 && /(?:委|政府|办公室|局|院)$/.test(texts[i - 1]!)) return texts[i - 1]!;
  }
  // signatures: organisation lines right above a standalone date line
  for (let i = 0; i < lines.length; i++) {
    if (!DATE_LINE.test(lines[i]!.text) || /印发$/.test(lines[i]!.text)) continue;
    const sig: string[] = [];
    for (let j = i - 1; j >= 0 && sig.length < 3; j--) {
      const t = lines[j]!.text;
      if (!t) continue;
      if (/^[\u4e00-\u9fff（）()]{2,30}(?:委|政府|办公室|局|委员会|院)$/.test(t)) sig.unshift(t);
      else break;
    }
    if (sig.length) return sig.join(' ');
  }
  return null;
}

function parentDocuments(preamble: string, ownTitle: string | null): string[] {
  const out: string[] = [];
  const re = /《((?:[^《》]|《[^《》]*》)+)》/g;
  for (const m of preamble.matchAll(re)) {
    let t = m[1]!.trim();
    t = t.replace(/^关于印发[<〈](.+)[>〉]的通知$/, '$1');
    const inner = /关于印发((?:[<〈][^>〉]+[>〉])+)的通知$/.exec(t);
    const titles = inner ? [...inner[1]!.matchAll(/[<〈]([^>〉]+)[>〉]/g)].map((x) => x[1]!) : [t];
    for (const x of titles) if (x && cleanTitle(x) !== ownTitle && !out.includes(x)) out.push(x);
  }
  return out;
}

export function extractMetadata(lines: Line[]): PlanDocument {
  const head = headerLines(lines);
  const headText = head.map((l) => l.text).join('\n');
  const { title } = findTitle(head);
  const region = regionOf(title);
  const preamble = head.filter((l) => /《/.test(l.text) && /。|，/.test(l.text)).map((l) => l.text).join('\n');
  const kind = title ? (KIND.exec(title)?.[1] ?? null) : null;
  const docNumber = head.find((l) => DOC_NUMBER.test(l.text.replace(/\s/g, '')))?.text.replace(/\s/g, '') ?? null;
  const context = headText;
  return {
    title,
    region,
    province: provinceOf(context, region),
    prefecture: prefectureOf(context, region),
    period: periodOf(headText, title),
    kind,
    draft: DRAFT.test(head.slice(0, 8).map((l) => l.text).join('')),
    issuer: issuerOf(head, lines),
    doc_number: docNumber,
    issued_on: issuedOn(lines),
    parent_documents: parentDocuments(preamble, title),
  };
}
