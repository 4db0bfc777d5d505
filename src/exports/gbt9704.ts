/**
 * The pieces of the official document layout of GB/T 9704-2012 (党政机关公文格式) that every Word
 * writer shares: A4 with the 版心 156 × 225 mm (天头 37 mm, 订口 28 mm), 22 lines to the page
 * (fixed 28.95 pt lines) of 28 characters of 三号 仿宋; the red 版头 (发文机关标志, 发文字号, the red
 * 版头分隔线); headings 一、 in 黑体 and （一） in 楷体; the signature and date; the 版记 (抄送, 印发机关
 * and 印发日期 between rules) at the foot of the last page; page numbers "— 1 —" in 四号 宋体.
 *
 * The fonts named are those the standard's templates use (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312,
 * 黑体, 宋体). Many machines lack the _GB2312 and 方正 faces, so the font table names a fallback for
 * each (仿宋, 楷体, 宋体 …) that Word takes when the named one is missing, and the text is marked
 * zh-CN so other readers pick a Simplified Chinese face.
 */
import JSZip from 'jszip';
import {
  AlignmentType,
  BorderStyle,
  Footer,
  FrameAnchorType,
  FrameWrap,
  HorizontalPositionAlign,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  VerticalPositionAlign,
  WidthType,
  type Document,
  type IStylesOptions,
} from 'docx';

/** millimetres to twips */
export const mm = (v: number) => Math.round((v / 25.4) * 1440);
export const RED = 'E00000';
export const FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', label: '黑体', kai: '楷体_GB2312', number: '宋体' };
/** sizes in half-points: 初号 42 pt, 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt */
export const SIZE = { mark: 52, title: 44, body: 32, small: 28, table: 24 };
/** fixed 28.95 pt lines give the standard 22 lines to the page */
export const LINE = { line: 579, lineRule: LineRuleType.EXACT };
/** one character of 三号 body text, in twips (for 空二字 and the like) */
export const CHAR = 320;

/** A4 and the margins that leave the standard 版心 of 156 × 225 mm. */
export const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
};
/** the width of the 版心 in twips */
export const TEXT_WIDTH = PAGE.size.width - PAGE.margin.left - PAGE.margin.right;
/**
 * The section's page properties. The footer's distance from the page edge puts the page number's
 * 一字线 about 7 mm below the 版心 (a 四号 line is some 6 mm high).
 */
export const pageProperties = () => ({ page: { size: PAGE.size, margin: { ...PAGE.margin, footer: mm(22) } } });

/**
 * 每行28个字: 28 characters of 三号 (16 pt) are 448 pt, the 版心 is 442 pt wide. Body text is set
 * 0.25 pt tighter per character (in twentieths of a point) so 28 fit, as the templates' character grid
 * does; the spacing is written on the runs because readers disagree on how to draw a document grid.
 */
export const BODY_TRACKING = -Math.ceil((SIZE.body / 2 - TEXT_WIDTH / 20 / 28) * 20);

/** The fallbacks written into the font table: the face Word uses when the named one is not installed. */
const FALLBACK: { name: string; alt: string; family: 'roman' | 'modern' | 'swiss'; panose: string }[] = [
  { name: FONT.title, alt: '宋体', family: 'roman', panose: '02000000000000000000' },
  { name: FONT.body, alt: '仿宋', family: 'modern', panose: '02010609030101010101' },
  { name: FONT.kai, alt: '楷体', family: 'modern', panose: '02010609030101010101' },
  { name: FONT.label, alt: 'SimHei', family: 'modern', panose: '02010609060101010101' },
  { name: FONT.number, alt: 'SimSun', family: 'roman', panose: '02010600030101010101' },
];

const fontsOf = (font: string) => ({ eastAsia: font, ascii: font, hAnsi: font });

/**
 * The document's default run: 三号 仿宋; Chinese text marked zh-CN, Latin text and digits en-US (as
 * Chinese Word writes it), so no reader breaks a number such as 2026 across two lines.
 */
export const gbStyles = (): IStylesOptions => ({
  default: { document: { run: { font: fontsOf(FONT.body), size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } } } },
});

export const run = (text: string, font: string, size: number, extra: { bold?: boolean; color?: string; characterSpacing?: number } = {}) => new TextRun({ text, font: fontsOf(font), size, ...extra });

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
export interface ParaOptions {
  font?: string;
  size?: number;
  align?: Align;
  /** 首行缩进二字 */
  indent?: boolean;
  color?: string;
  spacing?: object;
  /** right indent in twips (署名右空二字) */
  right?: number;
  pageBreakBefore?: boolean;
  keepNext?: boolean;
  /** body text: 28 characters to the line (BODY_TRACKING) */
  tight?: boolean;
}

export function para(text: string, opts: ParaOptions = {}) {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: opts.spacing ?? LINE,
    indent: opts.indent || opts.right ? { firstLine: opts.indent ? 2 * CHAR : undefined, right: opts.right } : undefined,
    pageBreakBefore: opts.pageBreakBefore,
    keepNext: opts.keepNext,
    children: [run(text, opts.font ?? FONT.body, opts.size ?? SIZE.body, { ...(opts.color ? { color: opts.color } : {}), ...(opts.tight ? { characterSpacing: BODY_TRACKING } : {}) })],
  });
}

/** An empty body line (空一行). */
export const blankLine = () => para(' ');

/** A body paragraph: 仿宋 三号, first line indented two characters, later lines flush left. */
export const bodyPara = (text: string, o: ParaOptions = {}) => para(text, { indent: true, tight: true, ...o });
/** A first-level heading "一、…": 黑体 三号, indented like the body. */
export const headingOne = (text: string) => para(text, { font: FONT.label, indent: true, keepNext: true, tight: true });
/** A second-level heading "（一）…": 楷体 三号. */
export const headingTwo = (text: string) => para(text, { font: FONT.kai, indent: true, keepNext: true, tight: true });

/** 1 → 一, 12 → 十二, 20 → 二十 (the numbers of headings, up to 99): the one rule, shared with the annual report's headings. */
export { cnNumber as chineseNumeral } from '../shared/annual-numbering.ts';

/** The printed width of a text in body characters: CJK and full-width count one, ASCII half. */
export const textWidthInChars = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);

export interface HeadLine {
  text: string;
  /** half-points */
  size: number;
  /** horizontal scale in percent (narrowed characters) */
  scale?: number;
  /** exact line height in twips */
  line: number;
}

/**
 * The 版头: the 发文机关标志 (and, for a form such as the 督办单, the form's name) in red 小标宋,
 * then the 发文字号 centered with the red 版头分隔线 under it. `topSpace` (twips) is the room above
 * the 标志 (35 mm in the 文件 format); `numberGap` the lines left empty between 标志 and 发文字号.
 */
export function versionHead(o: { lines: HeadLine[]; number: string; topSpace?: number; numberGap?: number }): Paragraph[] {
  const out = o.lines.map(
    (l, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: l.line, lineRule: LineRuleType.EXACT, before: i === 0 && o.topSpace ? o.topSpace : undefined },
        children: [new TextRun({ text: l.text, font: fontsOf(FONT.title), size: l.size, color: RED, scale: l.scale && l.scale !== 100 ? l.scale : undefined })],
      }),
  );
  for (let i = 0; i < (o.numberGap ?? 0); i++) out.push(blankLine());
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: o.numberGap ? LINE : { before: 200, after: 120 },
      // 发文字号之下 4 mm 处：the rule is the number paragraph's bottom border, 11 pt below the text
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: o.numberGap ? 11 : 8 } },
      children: [run(o.number, FONT.body, SIZE.body)],
    }),
  );
  return out;
}

/**
 * The size (half-points) and horizontal scale (%) of a 发文机关标志 on one line of the 版心. The
 * standard leaves the size to the issuer ("醒目、美观、庄重") within the width; a long name keeps at
 * least 一号 (26 pt) and is narrowed instead, as printed 红头 are, down to 70 %.
 */
export function markFit(text: string, o: { maxPt?: number; minPt?: number; minScale?: number } = {}): { size: number; scale: number } {
  const { maxPt = 42, minPt = 26, minScale = 0.7 } = o;
  const fit = ((TEXT_WIDTH / 20) * 0.97) / textWidthInChars(text);
  if (fit >= minPt) return { size: Math.floor(Math.min(maxPt, fit) * 2), scale: 100 };
  const scale = Math.max(minScale, fit / minPt);
  return { size: Math.floor((fit / scale) * 2), scale: Math.floor(scale * 100) };
}

/** The title (标题): 二号 小标宋, centered, in lines of fixed height. */
export const titlePara = (text: string) => para(text, { font: FONT.title, size: SIZE.title, align: AlignmentType.CENTER, spacing: { line: 720, lineRule: LineRuleType.EXACT } });

/**
 * 发文机关署名 and 成文日期 of a document without a seal: the signature right-aligned two characters
 * from the edge, the date on the next line starting two characters to the right of the signature
 * (or two characters from the edge when it is the longer one).
 */
export function signature(org: string, date: string): Paragraph[] {
  const ow = textWidthInChars(org);
  const dw = textWidthInChars(date);
  const dateRight = Math.max(2, ow - dw);
  const orgRight = Math.max(2, dw + 2 - ow + 2);
  return [para(org, { align: AlignmentType.RIGHT, right: Math.round(orgRight * CHAR) }), para(date, { align: AlignmentType.RIGHT, right: Math.round(dateRight * CHAR) })];
}

/** A black pixel, stretched into the 版记's rules. */
const BLACK_PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');
/** millimetres to the pixels (96 to the inch) docx sizes pictures in */
const px = (v: number) => (v / 25.4) * 96;

/**
 * The 版记: 抄送 (when any) and the 印发机关 with the 印发日期, 四号 仿宋, between a thick first and last
 * rule (0.35 mm) with a thin one (0.25 mm) between, as wide as the 版心. Its paragraphs share one frame
 * aligned to the bottom of the 版心, so it sits at the foot of the page it ends on and its last rule lies
 * on the 版心's lower edge, however long the text above it is. The rules are drawn as pictures, not
 * paragraph borders: some readers drop a frame whose paragraphs have borders.
 */
export function colophon(o: { cc: string; printer: string; printedOn: string }): Paragraph[] {
  const frame = {
    type: 'alignment' as const,
    alignment: { x: HorizontalPositionAlign.CENTER, y: VerticalPositionAlign.BOTTOM },
    anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
    width: TEXT_WIDTH,
    wrap: FrameWrap.NOT_BESIDE,
  };
  const rule = (heightMm: number) =>
    new Paragraph({
      frame,
      spacing: { line: Math.max(14, Math.round((heightMm / 25.4) * 1440)), lineRule: LineRuleType.EXACT },
      children: [new ImageRun({ type: 'png', data: BLACK_PIXEL, transformation: { width: px(156), height: px(heightMm) }, altText: { name: '分隔线', description: '版记分隔线', title: '分隔线' } })],
    });
  const spacing = { line: 440, lineRule: LineRuleType.EXACT, before: 80, after: 80 };
  const out: Paragraph[] = [rule(0.35)];
  const cc = o.cc.trim();
  if (cc) {
    out.push(
      new Paragraph({
        frame,
        spacing,
        // 左右各空一字; a second line starts under the first name, after 抄送：
        indent: { left: 280 + 3 * 280, right: 280, hanging: 3 * 280 },
        children: [run(`抄送：${/[。．.]$/.test(cc) ? cc : `${cc}。`}`, FONT.body, SIZE.small)],
      }),
      rule(0.25),
    );
  }
  out.push(
    new Paragraph({
      frame,
      spacing,
      indent: { left: 280, right: 280 },
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 280 }],
      children: [run(o.printer, FONT.body, SIZE.small), new TextRun({ children: [new Tab(), `${o.printedOn}印发`], font: fontsOf(FONT.body), size: SIZE.small })],
    }),
    rule(0.35),
  );
  return out;
}

/**
 * Page numbers "— 1 —" in 四号 宋体. `outside` follows the standard (单页码居右空一字，双页码居左空一字;
 * the document must then set evenAndOddHeaderAndFooters); `centered` puts every number in the middle.
 */
export function pageNumberFooters(style: 'outside' | 'centered') {
  const numberRuns = () => [run('— ', FONT.number, SIZE.small), new TextRun({ children: [PageNumber.CURRENT], font: FONT.number, size: SIZE.small }), run(' —', FONT.number, SIZE.small)];
  if (style === 'centered') return { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: numberRuns() })] }) };
  return {
    default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 280 }, children: numberRuns() })] }),
    even: new Footer({ children: [new Paragraph({ alignment: AlignmentType.LEFT, indent: { left: 280 }, children: numberRuns() })] }),
  };
}

/** Packs the document and writes the font fallbacks into its font table. */
export async function packGbDocx(doc: Document): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
  const path = 'word/fontTable.xml';
  const xml = (await zip.file(path)?.async('string')) ?? '';
  const entries = FALLBACK.map((f) => `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`).join('');
  const filled = /<w:fonts[^>]*\/>\s*$/.test(xml) ? xml.replace(/<w:fonts([^>]*?)\/>\s*$/, `<w:fonts$1>${entries}</w:fonts>`) : xml.replace(/<\/w:fonts>\s*$/, `${entries}</w:fonts>`);
  zip.file(path, filled);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
