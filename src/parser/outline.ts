/**
 * Paragraphs → numbered tree → headings, tasks and framing text.
 * Numbering styles nest in the order the plan uses them; a style new at some depth does not nest
 * under one that usually ranks below it (一、 > （一） > 1. > （1） > ①), so mixes, restarts and
 * run-on numbering all nest correctly. A task is a leaf measure: a numbered paragraph with content
 * and no numbered children, or any paragraph carrying an owner annotation (owners printed on an item
 * over sub-measures without owners are the sub-measures'); in plans with no owners at all, the
 * unnumbered paragraphs that make up a heading's whole body.
 */
import type { PlanHeading } from '../shared/plan-draft.ts';
import { DEADLINE_LABEL_WORDS, findClauses, isTimingText } from './deadlines.ts';
import type { Para } from './normalize.ts';
import { MEASURE_KINDS, parseMarker, type Marker, type MarkerKind } from './numbering.ts';
import { extractAnnotation, mergeOwners, normalizeOwnerLabels, parseOwnerParagraph, type Owners } from './owners.ts';
import { tableItems, type TableItem } from './tables.ts';

export type Part = 'body' | 'annex';

export interface HeadingNode {
  kind: MarkerKind | 'annex';
  number: string;
  title: string;
  line: number;
  framing: boolean;
  children: HeadingNode[];
  numberedChildren: number;
  /** true once decided that this numbered paragraph is a task and not an outline heading */
  taskOnly?: boolean;
}

export interface Item {
  kind: 'numbered' | 'plain' | 'row';
  part: Part;
  line: number;
  start: number;
  end: number;
  path: string[];
  marker?: Marker;
  node?: HeadingNode;
  parent: HeadingNode | null;
  /** text without marker and owner annotation */
  body: string;
  owners: Owners | null;
  /** deadline clauses printed apart from the text (table column, 完成时限 line) */
  extraDeadlines: string[];
  headingLike: boolean;
  /** owners printed on a numbered item that heads sub-measures, given to them */
  passedDown?: boolean;
  framing: boolean;
  closing: boolean;
  title?: string | null;
}

export interface Structure {
  outline: PlanHeading[];
  tasks: Item[];
  /** every item, tasks or not, for mechanisms */
  items: Item[];
  hasOwners: boolean;
}

const FRAMING_TITLE = /^(?:总体要求|指导思想|基本原则|主要原则|工作原则|总体目标|主要目标|发展目标|工作目标|目标要求|总体思路|基本要求|重要意义|编制依据|适用范围|发展形势|现实基础|面临形势)|总体要求$|指导思想$/;
const CLOSING = /本(?:实施)?(?:方案|规划|意见|计划|要点|纲要|办法)|各项任务措施落到实处/;
const ANNEX_START = /^附\s*件\s*[0-9一二三四五六七八九十]*\s*(?:[:：]|$)/;
const ANNEX_TITLE = /(?:任务|工作|举措|措施)[^，。；]{0,12}(?:分工|分解)(?:表|方案|清单)?$|责任(?:分工)?清单$|任务清单$|工作台账$/;
const DEADLINE_LINE = new RegExp(`^(${DEADLINE_LABEL_WORDS})\\s*[：:]\\s*(.+)$`);
/** A line 完成时限：… (时间：/期限： only when a time follows) closing the item before it. */
function deadlineLine(text: string): string | null {
  const m = DEADLINE_LINE.exec(text);
  if (!m) return null;
  const raw = m[2]!.replace(/[。.]$/, '');
  return /^(?:时间|期限)$/.test(m[1]!) && !isTimingText(raw) ? null : raw;
}

/** The usual order of numbering styles (GB/T 9704: 一、 > （一） > 1. > （1）), for styles not yet nested in the plan. */
const RANK: Record<MarkerKind, number> = { chapter: 0, section: 1, cn: 2, pcn: 3, article: 4, ar: 5, dot2: 6, dot3: 7, dot4: 8, par: 9, arp: 10, circ: 11 };

/** The first sentence when it is short enough to be a run-in heading. */
export function runInTitle(text: string, max = 60): string | null {
  const i = text.indexOf('。');
  if (i <= 0 || i > max) return null;
  const first = text.slice(0, i);
  if (/完成时限|完成时间/.test(first)) return null;
  // a deadline clause after it (（2026年底前完成）) is not text the heading runs into
  let rest = text.slice(i + 1).trim();
  if (!rest) return null;
  if (!/^[（(〔[【［]/.test(rest) && !DEADLINE_LINE.test(rest)) return first;
  for (const c of findClauses(rest).reverse()) rest = rest.slice(0, c.index) + rest.slice(c.end);
  return rest.replace(/[\s\u3000。．.；;]/g, '') ? first : null;
}

/** A paragraph that is a heading: no sentence of content, short. */
function isHeadingText(rest: string): boolean {
  const t = rest.replace(/[。.]$/, '');
  return t.length > 0 && t.length <= 60 && !/[。；;]/.test(t);
}

export function buildStructure(paras: Para[]): Structure {
  const b = new Builder();
  let rows: Para[] = [];
  const flushRows = () => {
    if (rows.length) b.addTable(tableItems(rows));
    rows = [];
  };
  for (const p of paras) {
    if (p.cells) {
      rows.push(p);
      continue;
    }
    flushRows();
    b.add(p);
  }
  flushRows();
  return b.finish();
}

class Builder {
  items: Item[] = [];
  roots: HeadingNode[] = [];
  stack: HeadingNode[] = [];
  part: Part = 'body';
  annexNode: HeadingNode | null = null;
  annexTitleOpen = false;
  last: Item | null = null;
  /** headings with unnumbered paragraphs under them */
  withText = new Set<HeadingNode>();
  /** numbering styles the plan has nested (parent>child) */
  nested = new Set<string>();

  add(para: Para): void {
    const p = { ...para, text: normalizeOwnerLabels(para.text) };
    const text = p.text;
    if (this.startsAnnex(p)) return;
    const dl = deadlineLine(text);
    if (dl && this.last) {
      this.last.extraDeadlines.push(dl);
      this.extend(this.last, p);
      return;
    }
    // an owner paragraph opens with a bracket or a label; checking first keeps long paragraphs cheap
    const ownersOnly = /^[（(〔\[【［牵责协配主参分联包县市区负具落实承]/.test(text) ? parseOwnerParagraph(text) : null;
    if (ownersOnly && this.last) {
      if (this.last.owners) mergeOwners(this.last.owners, ownersOnly);
      else this.last.owners = ownersOnly;
      this.last.extraDeadlines.push(...(ownersOnly.deadlines ?? []));
      this.extend(this.last, p);
      return;
    }
    const marker = parseMarker(text);
    if (marker) this.addNumbered(p, marker);
    else this.addPlain(p);
  }

  extend(item: Item, p: Para): void {
    item.end = Math.max(item.end, p.end);
  }

  startsAnnex(p: Para): boolean {
    const t = p.text;
    if (ANNEX_START.test(t)) {
      this.openAnnex(p, t.replace(ANNEX_START, '').trim());
      return true;
    }
    if (t.length <= 40 && ANNEX_TITLE.test(t) && !parseMarker(t)) {
      if (this.annexTitleOpen && this.annexNode) this.annexNode.title += t;
      else this.openAnnex(p, t);
      return true;
    }
    if (this.annexTitleOpen && this.annexNode && !parseMarker(t) && t.length <= 60 && !/。/.test(t) && !parseOwnerParagraph(t)) {
      this.annexNode.title += t;
      return true;
    }
    this.annexTitleOpen = false;
    return false;
  }

  /** Enters the annex; a repeated 附件 line before any annex item only restarts its title. */
  openAnnex(p: Para, title: string): void {
    const reuse = this.annexNode && !this.items.some((i) => i.part === 'annex');
    if (reuse) this.annexNode!.title = title;
    else {
      this.part = 'annex';
      this.annexNode = { kind: 'annex', number: '附件', title, line: p.line, framing: false, children: [], numberedChildren: 0 };
      this.roots.push(this.annexNode);
    }
    this.stack = [];
    this.annexTitleOpen = true;
    this.last = null;
  }

  addNumbered(p: Para, marker: Marker): void {
    this.annexTitleOpen = false;
    const idx = this.stack.findIndex((n) => n.kind === marker.kind);
    if (idx >= 0) this.stack.length = idx;
    else {
      // a style seen for the first time at this depth does not nest under a style that ranks below
      // it (1. after （1）: a sibling of the （1） run, not its child), unless the plan nested them so
      while (this.stack.length) {
        const top = this.stack[this.stack.length - 1]!;
        if (top.kind === 'annex' || RANK[marker.kind] > RANK[top.kind] || this.nested.has(`${top.kind}>${marker.kind}`)) break;
        this.stack.pop();
      }
    }
    const parent = this.stack[this.stack.length - 1] ?? this.annexNode;
    if (parent && parent.kind !== 'annex') this.nested.add(`${parent.kind}>${marker.kind}`);
    const ann = extractAnnotation(marker.rest);
    const body = ann ? ann.text : marker.rest;
    const title = headingTitle(body);
    const framing = Boolean(parent?.framing) || FRAMING_TITLE.test(title);
    const node: HeadingNode = { kind: marker.kind, number: marker.number, title, line: p.line, framing, children: [], numberedChildren: 0 };
    if (parent) {
      parent.children.push(node);
      parent.numberedChildren++;
    } else this.roots.push(node);
    this.stack.push(node);
    const item: Item = {
      kind: 'numbered', part: this.part, line: p.line, start: p.start, end: p.end,
      path: this.stack.map((n) => n.number), marker, node, parent: parent ?? null,
      body, owners: ann?.owners ?? null, extraDeadlines: [...(ann?.owners.deadlines ?? [])],
      headingLike: !ann && isHeadingText(body), framing, closing: false,
    };
    this.items.push(item);
    this.last = item;
  }

  addPlain(p: Para): void {
    this.annexTitleOpen = false;
    const parent = this.stack[this.stack.length - 1] ?? null;
    const ann = extractAnnotation(p.text);
    const body = ann ? ann.text : p.text;
    const item: Item = {
      kind: 'plain', part: this.part, line: p.line, start: p.start, end: p.end,
      path: [...this.stack.map((n) => n.number), ''], parent,
      body, owners: ann?.owners ?? null, extraDeadlines: [...(ann?.owners.deadlines ?? [])],
      headingLike: false, framing: !parent || parent.framing, closing: CLOSING.test(body) && !ann,
    };
    this.items.push(item);
    this.last = item;
  }

  addTable(rows: TableItem[]): void {
    this.annexTitleOpen = false;
    // A task table under a heading that names it (二、重点任务分工表) is the plan's 分工表, the
    // annex in all but placement: its rows are part 'annex' and numbered from the table, as the
    // rows of a table after 附件 are. Any other table stays in the body under its heading.
    const host = this.stack[this.stack.length - 1];
    const asAnnex = this.part === 'body' && host !== undefined && ANNEX_TITLE.test(host.title);
    const part: Part = asAnnex ? 'annex' : this.part;
    const base = asAnnex ? [] : this.stack.map((n) => n.number);
    for (const r of rows) {
      if (r.heading) {
        const node: HeadingNode = { kind: 'annex', number: r.heading.number, title: r.heading.title, line: r.line, framing: false, children: [], numberedChildren: 0 };
        (this.stack[this.stack.length - 1]?.children ?? this.annexNode?.children ?? this.roots).push(node);
        continue;
      }
      const item: Item = {
        kind: 'row', part, line: r.line, start: r.start, end: r.end,
        path: [...base, ...r.path], parent: null, body: r.text, owners: r.owners,
        extraDeadlines: r.deadlines, headingLike: false, framing: false, closing: false,
      };
      this.items.push(item);
    }
    this.last = null;
  }

  finish(): Structure {
    const hasOwners = this.items.some((i) => i.owners);
    for (const i of this.items) if (i.kind === 'plain' && i.parent) this.withText.add(i.parent);
    this.passOwnersDown();
    const tasks: Item[] = [];
    this.items.forEach((item, k) => {
      if (!this.isTask(item, k, hasOwners)) return;
      item.title = taskTitle(item);
      if (item.node && MEASURE_KINDS.has(item.marker!.kind)) item.node.taskOnly = true;
      tasks.push(item);
    });
    return { outline: toHeadings(this.roots), tasks, items: this.items, hasOwners };
  }

  /**
   * 「1、推进机构职能优化。（牵头单位：…）」 over （1）（2） sub-measures without owners of their own: the
   * owners (and the deadline printed with them) are the sub-measures', which are the tasks; the
   * numbered item is their heading.
   */
  passOwnersDown(): void {
    this.items.forEach((item, k) => {
      if (item.kind !== 'numbered' || !item.owners || !item.node || item.node.numberedChildren === 0) return;
      const subs: Item[] = [];
      for (let j = k + 1; j < this.items.length; j++) {
        const d = this.items[j]!;
        if (d.kind === 'row' || d.path.length <= item.path.length || d.path.slice(0, item.path.length).join('/') !== item.path.join('/')) break;
        if (d.kind === 'numbered' && d.node!.numberedChildren === 0) subs.push(d);
      }
      if (!subs.length || subs.some((d) => d.owners)) return;
      const timing = [...findClauses(item.body, Boolean(item.owners.timing)).map((c) => c.raw), ...item.extraDeadlines];
      for (const d of subs) {
        d.owners = { ...item.owners, lead: [...item.owners.lead], responsible: [...item.owners.responsible], leaders: [...item.owners.leaders], timing: undefined };
        if (!d.extraDeadlines.length) d.extraDeadlines.push(...timing);
      }
      item.passedDown = true;
    });
  }

  isTask(item: Item, k: number, hasOwners: boolean): boolean {
    if (!item.body.trim() || item.passedDown) return false;
    if (item.kind === 'row') return true;
    if (item.kind === 'numbered') {
      if (item.owners) return true;
      if (item.framing || item.node!.numberedChildren > 0) return false;
      // A short one-sentence measure (1.开展法治政府建设示范创建活动。) reads like a heading, but a
      // measure-level number with nothing under it is a task: a heading would head something.
      return !item.headingLike || (MEASURE_KINDS.has(item.marker!.kind) && !this.withText.has(item.node!));
    }
    if (item.owners) return true;
    if (hasOwners || item.framing || item.closing || !item.parent) return false;
    if (item.parent.numberedChildren > 0) return false;
    if (!/[。；]/.test(item.body) || item.body.length < 30) return false;
    return !this.introducesNext(item, k);
  }

  /** A lead-in paragraph: the next paragraph under the same heading is a titled measure. */
  introducesNext(item: Item, k: number): boolean {
    const next = this.items[k + 1];
    if (!next || next.parent !== item.parent || next.kind !== 'plain') return false;
    const t = runInTitle(next.body, 20);
    return t !== null && !/[，、；：,]/.test(t);
  }
}

function headingTitle(body: string): string {
  const i = body.indexOf('。');
  return (i > 0 ? body.slice(0, i) : body).replace(/[。.]$/, '').trim();
}

function taskTitle(item: Item): string | null {
  if (item.kind === 'row') return null;
  if (item.kind === 'numbered') {
    const t = runInTitle(item.body);
    if (t) return t;
    return null;
  }
  const t = runInTitle(item.body, 20);
  return t && !/[，、；：,]/.test(t) ? t : null;
}

function toHeadings(nodes: HeadingNode[]): PlanHeading[] {
  const out: PlanHeading[] = [];
  for (const n of nodes) {
    if (n.taskOnly) continue;
    out.push({ number: n.number, title: n.title, line: n.line, children: toHeadings(n.children) });
  }
  return out;
}
