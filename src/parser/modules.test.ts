import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeText, detectEncoding } from './decode.ts';
import { parseDeadlineClause, scanInlineDeadlines } from './deadlines.ts';
import { cleanLine, toLines, toParagraphs } from './normalize.ts';
import { parseMarker } from './numbering.ts';
import { extractAnnotation, parseOwnerParagraph, splitUnits } from './owners.ts';
import { extractTargets } from './targets.ts';

const ctx = { year: 2026 };

test('numbering: every marker style, with its kind and value', () => {
  const cases: Array<[string, string, string, number]> = [
    ['一、总体要求', 'cn', '一', 1],
    ['（十二）完善执法', 'pcn', '（十二）', 12],
    ['(四) 深入推进', 'pcn', '(四)', 4],
    ['18.加强执法', 'ar', '18', 18],
    ['3、深化改革', 'ar', '3', 3],
    ['1．推进', 'ar', '1', 1],
    ['（1）全面落实', 'par', '（1）', 1],
    ['②加强培训', 'circ', '②', 2],
    ['第三章 保障措施', 'chapter', '第三章', 3],
  ];
  for (const [text, kind, number, value] of cases) {
    const m = parseMarker(text);
    assert.ok(m, text);
    assert.equal(m.kind, kind, text);
    assert.equal(m.number, number, text);
    assert.equal(m.value, value, text);
  }
  for (const text of ['2022年底前完成', '（2021—2025年）', '1.5倍以上', '两、三年内', '“十四五”时期']) assert.equal(parseMarker(text), null, text);
});

test('owners: the annotation forms of the genre', () => {
  const a = extractAnnotation('推进改革。（牵头单位：县委编办、县政府办公室；责任单位：县政府各部门，各乡（镇、街道））。');
  assert.ok(a);
  assert.equal(a.text, '推进改革。');
  assert.deepEqual(a.owners.lead, ['县委编办', '县政府办公室']);
  assert.deepEqual(a.owners.responsible, ['县政府各部门', '各乡（镇、街道）']);

  const b = extractAnnotation('强化监督。〔**牵头县领导：钱程；** **牵头责任单位：县司法局；** **协同责任单位：各镇（园区），县法院、县检察院**〕');
  assert.ok(b);
  assert.deepEqual(b.owners.leaders, ['钱程']);
  assert.deepEqual(b.owners.lead, ['县司法局']);
  assert.deepEqual(b.owners.responsible, ['各镇（园区）', '县法院', '县检察院']);

  assert.deepEqual(extractAnnotation('做好应诉工作（县司法局负责）')!.owners.lead, ['县司法局']);
  const c = extractAnnotation('优化营商环境（区市场监管局牵头，区发展改革委、区商务局配合）');
  assert.deepEqual(c!.owners.lead, ['区市场监管局']);
  assert.deepEqual(c!.owners.responsible, ['区发展改革委', '区商务局']);
  const d = parseOwnerParagraph('责任单位：区司法局（牵头），区政府办公室，各镇（街道）');
  assert.deepEqual(d!.lead, ['区司法局']);
  assert.deepEqual(d!.responsible, ['区政府办公室', '各镇（街道）']);
  const e = parseOwnerParagraph('(牵头县领导: 王永涛; 牵头责任单位: 县发展和改革委员会; 协同责任单位: 各镇(园区), 县政府各部门、各直属机构]');
  assert.deepEqual(e!.responsible, ['各镇(园区)', '县政府各部门', '各直属机构']);
  assert.deepEqual(parseOwnerParagraph('牵头科室：法制审核科')!.lead, ['法制审核科']);
  assert.equal(extractAnnotation('加强行政复议（其中：复议委员会改革）'), null);
  assert.equal(extractAnnotation('推进改革（完成时限：长期坚持）'), null);
  // an owner group followed by a deadline group: owners end at their own bracket, the deadline stays in the text
  const f = extractAnnotation('落实审核机制。（牵头单位：县司法局；责任单位：县政府各部门）（完成时限：2026年底前）');
  assert.deepEqual(f!.owners.responsible, ['县政府各部门']);
  assert.equal(f!.text, '落实审核机制。（完成时限：2026年底前）');
  // owner and deadline in one bracket: the owner is read, the deadline stays for the deadline reader
  const g = extractAnnotation('开展执法检查。（县司法局负责，2026年6月底前完成）');
  assert.deepEqual(g!.owners.lead, ['县司法局']);
  assert.equal(g!.text, '开展执法检查。（2026年6月底前完成）');
  assert.deepEqual(extractAnnotation('开展普法。（县司法局牵头，长期坚持）')!.owners.lead, ['县司法局']);
});

test('owners: unit lists split right', () => {
  assert.deepEqual(splitUnits('县政府各部门，各乡（镇、街道）政府（办事处）'), ['县政府各部门', '各乡（镇、街道）政府（办事处）']);
  assert.deepEqual(splitUnits('县法院、县公安局等县政府有关部门'), ['县法院', '县公安局', '县政府有关部门']);
  assert.deepEqual(splitUnits('县住建局等有关行政执法机关及各乡镇（街道办）按职责分工负责'), ['县住建局', '有关行政执法机关', '各乡镇（街道办）']);
  assert.deepEqual(splitUnits('县数据资源管理局等'), ['县数据资源管理局']);
  assert.deepEqual(splitUnits('县政府各部门党委（党组）、县纪委县监委'), ['县政府各部门党委（党组）', '县纪委县监委']);
});

test('deadlines: clauses', () => {
  const d = (raw: string, covered = '') => {
    const x = parseDeadlineClause(raw, covered, ctx);
    return [x.due, x.ongoing, x.recurring];
  };
  assert.deepEqual(d('2023年前并长期坚持'), ['2023-12-31', true, null]);
  assert.deepEqual(d('2022年底前'), ['2022-12-31', false, null]);
  assert.deepEqual(d('长期坚持'), [null, true, null]);
  assert.deepEqual(d('持续推进'), [null, true, null]);
  assert.deepEqual(d('每两年一次，长期坚持'), [null, true, 'biennial']);
  assert.deepEqual(d('长期坚持', '每年3月1日前报告'), [null, true, 'yearly']);
  assert.equal(parseDeadlineClause('长期坚持', '每年3月1日前报告', ctx).at, '03-01');
  assert.deepEqual(d('2027年6月底前'), ['2027-06-30', false, null]);
  assert.deepEqual(d('2027年上半年'), ['2027-06-30', false, null]);
  assert.deepEqual(d('2028年第三季度'), ['2028-09-30', false, null]);
  assert.deepEqual(d('9月底前'), ['2026-09-30', false, null]);
  assert.deepEqual(d('每季度'), [null, false, 'quarterly']);
  assert.deepEqual(d('每半年'), [null, false, 'semiannual']);
});

test('deadlines: time expressions in the text', () => {
  const s = (t: string) => scanInlineDeadlines(t, ctx).map((x) => [x.raw, x.due, x.recurring]);
  assert.deepEqual(s('到2025年，满意率达到90%以上。'), [['2025年', '2025-12-31', null]]);
  assert.deepEqual(s('2022 年年底全部设立公职律师；“十四五”期间实现全覆盖。'), [['2022 年年底', '2022-12-31', null], ['“十四五”期间', '2025-12-31', null]]);
  assert.deepEqual(s('每年至少举办一期，每年应当举办两期以上，任期内至少一次。'), [['每年', null, 'yearly'], ['任期内', null, 'per-term']]);
  assert.deepEqual(s('深入实施《法治政府建设实施纲要（2021—2025年）》，2021年以来成效明显'), []);
  assert.equal(scanInlineDeadlines('每年3月1日前报告', ctx)[0]!.at, '03-01');
});

test('targets: numbers, coverage, completions; names with numerals are not targets', () => {
  const t = (text: string) => extractTargets([{ text, due: null }], ctx, true).map((x) => [x.value, x.unit, x.op]);
  assert.deepEqual(t('确保被诉行政机关负责人出庭应诉率达100%。'), [[100, '%', '>=']]);
  assert.deepEqual(t('确保每人每年接受不少于 60 学时的培训。'), [[60, '学时', '>=']]);
  assert.deepEqual(t('审查时间一般不少于7个工作日。'), [[7, '个工作日', '>=']]);
  assert.deepEqual(t('实现乡（镇、街道）人民调解委员会全覆盖。'), [[100, '%', '>=']]);
  assert.deepEqual(t('每年至少召开一次工作会议。'), [[1, '次', '>=']]);
  assert.deepEqual(t('领导班子每年应当举办两期以上法治专题讲座。'), [[2, '期', '>=']]);
  assert.deepEqual(t('2024年底前基本建成全覆盖的行政执法协调监督工作体系。'), [[null, null, 'achieve']]);
  assert.deepEqual(t('建立健全“1+1+3+N”的诉源治理模式，提高7×24小时服务站利用率，落实“三项制度”，畅通12345热线。'), []);
  assert.deepEqual(t('坚持反腐无禁区、全覆盖、零容忍。'), []);
  assert.deepEqual(t('为每个村、乡镇分别配备1、2名以上专职人民调解员。'), [[1, '名', '>='], [2, '名', '>=']]);
});

test('decoding: UTF-8 with BOM, GB18030/GBK, UTF-16 with and without BOM', () => {
  const text = '一、总体要求\r\n1.推进依法行政（县司法局负责）';
  const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  assert.equal(decodeText(utf8).text, text);
  assert.equal(decodeText(iconv.encode(text, 'gbk')).text, text);
  assert.equal(detectEncoding(iconv.encode(text, 'gbk')), 'gb18030');
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])).text, text);
  assert.equal(decodeText(iconv.encode(text, 'utf-16be')).text, text);
  assert.throws(() => decodeText(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 0x89, 0x50, 0x4e, 0x47, 0, 0, 0])), { code: 'UNSUPPORTED' });
});

test('noise: bookmarks, bold markers, page numbers, full-width spaces, broken paragraphs', () => {
  assert.equal(cleanLine('[bookmark: _GoBack]18.加强执法'), '18.加强执法');
  assert.equal(cleanLine('**〔牵头单位：县司法局〕**'), '〔牵头单位：县司法局〕');
  assert.equal(cleanLine('　　— 3 —'), '');
  assert.equal(cleanLine('- 12 -'), '');
  assert.equal(cleanLine('　　113.落实制度 '), '113.落实制度');
  const text = '（十七）发挥行政复议化解行政争议主渠道作用。贯彻落实\n\n中央及省、市行政复议体制改革的决策部署。〔牵头单位：县司法局；协同责任单位：各镇**〕\n\n(园区), 县政府各部门]\n\n四、健全行政决策制度体系，不断提升行政决策公信力和执\n\n行力\n';
  const paras = toParagraphs(toLines(text)).map((p) => p.text);
  assert.deepEqual(paras, [
    '（十七）发挥行政复议化解行政争议主渠道作用。贯彻落实中央及省、市行政复议体制改革的决策部署。〔牵头单位：县司法局；协同责任单位：各镇〕(园区), 县政府各部门]',
    '四、健全行政决策制度体系，不断提升行政决策公信力和执行力',
  ]);
  const a = extractAnnotation(paras[0]!);
  assert.deepEqual(a!.owners.responsible, ['各镇(园区)', '县政府各部门']);
});
