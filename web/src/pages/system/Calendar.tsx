/**
 * 工作日历：each year's statutory holidays and 调休 make-up working days, which every rule that counts
 * working days reads. The admin edits a year on a month view (click a day to toggle 休/班) or imports a
 * CSV/JSON file; offices read it. A year a plan needs that is missing gets a warning of its own.
 */
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Flex, Input, InputNumber, Modal, Popconfirm, Result, Row, Select, Spin, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { CalendarOutlined, DownloadOutlined, InboxOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CalendarImportResult, CalendarMissing, CalendarYearSummary } from '@shared/api/calendar.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { calendarExportUrl, canManageCalendar, useCalendarOverview, useCalendarYear, useDeleteCalendarYear, useImportCalendar, useSaveCalendarYear } from '../../api/calendar.ts';
import { errorMessage, isApiError, isStaleVersion } from '../../api/client.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';

const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** 0 = Monday … 6 = Sunday */
const weekdayMon = (y: number, m: number, d: number) => (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const isWeekendIso = (s: string) => weekdayMon(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))) >= 5;
const md = (s: string) => `${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日`;
const ENCODING_LABEL: Record<string, string> = { 'utf-8': 'UTF-8', gb18030: 'GBK（GB18030）', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16' };

const COLORS = {
  holiday: { background: '#fff1f0', border: '#ffa39e', color: '#cf1322' },
  workday: { background: '#e6f4ff', border: '#91caff', color: '#0958d9' },
};

/** Consecutive days off, e.g. 10月1日—10月7日（7天）, to check against the notice at a glance. */
function blocksOf(holidays: string[]): { from: string; to: string; days: number }[] {
  const out: { from: string; to: string; days: number }[] = [];
  for (const d of [...holidays].sort()) {
    const last = out[out.length - 1];
    if (last && dayjs(last.to).add(1, 'day').format('YYYY-MM-DD') === d) {
      last.to = d;
      last.days++;
    } else out.push({ from: d, to: d, days: 1 });
  }
  return out;
}

function MonthGrid({ year, month, holidays, workdays, editable, onToggle }: { year: number; month: number; holidays: Set<string>; workdays: Set<string>; editable: boolean; onToggle: (d: string) => void }) {
  const lead = weekdayMon(year, month, 1);
  const n = daysIn(year, month);
  const cells: (number | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length: n }, (_, i) => i + 1)];
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, background: '#fff' }}>
      <div style={{ fontWeight: 600, marginBottom: 6, textAlign: 'center' }}>{month}月</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12 }} role="grid" aria-label={`${year}年${month}月`}>
        {WEEK_HEAD.map((w, i) => (
          <div key={w} style={{ textAlign: 'center', color: i >= 5 ? '#8c8c8c' : '#595959', paddingBottom: 2 }}>
            {w}
          </div>
        ))}
        {cells.map((d, i) => {
          if (d === null) return <div key={`e${i}`} />;
          const date = iso(year, month, d);
          const weekend = weekdayMon(year, month, d) >= 5;
          const kind = holidays.has(date) ? 'holiday' : workdays.has(date) ? 'workday' : null;
          const c = kind ? COLORS[kind] : null;
          const label = kind === 'holiday' ? '休' : kind === 'workday' ? '班' : weekend ? '周末' : '工作日';
          return (
            <button
              key={date}
              type="button"
              disabled={!editable}
              title={`${year}年${md(date)}：${label}${editable ? '（点击切换）' : ''}`}
              aria-label={`${md(date)} ${label}`}
              data-date={date}
              onClick={() => onToggle(date)}
              style={{
                position: 'relative',
                height: 30,
                border: `1px solid ${c ? c.border : 'transparent'}`,
                borderRadius: 4,
                background: c ? c.background : weekend ? '#fafafa' : 'transparent',
                color: c ? c.color : weekend ? '#8c8c8c' : '#262626',
                cursor: editable ? 'pointer' : 'default',
                padding: 0,
                fontSize: 12,
                fontWeight: kind ? 600 : 400,
              }}
            >
              {d}
              {kind && <span style={{ position: 'absolute', top: 0, right: 2, fontSize: 9, lineHeight: '11px' }}>{kind === 'holiday' ? '休' : '班'}</span>}
            </button>
          );
        })}
      </div>
    </div>
  );
}

interface Draft {
  holidays: string[];
  workdays: string[];
  source: string;
}

/** One year: the twelve months, the two date lists and the source; editable for the admin. */
function YearEditor({ year, isNew, editable, onClose }: { year: number; isNew: boolean; editable: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const detail = useCalendarYear(isNew ? null : year);
  const save = useSaveCalendarYear();
  const [draft, setDraft] = useState<Draft | null>(isNew ? { holidays: [], workdays: [], source: '' } : null);
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    if (detail.data) setDraft({ holidays: detail.data.holidays, workdays: detail.data.workdays, source: detail.data.source ?? '' });
  }, [detail.data]);
  if (!isNew && detail.isPending) return <Card><Spin /></Card>;
  if (!isNew && detail.error) return <Alert type="error" showIcon title={errorMessage(detail.error)} />;
  if (!draft) return null;
  const holidays = new Set(draft.holidays);
  const workdays = new Set(draft.workdays);
  const original = detail.data;
  const dirty = isNew || !original || original.holidays.join() !== [...draft.holidays].sort().join() || original.workdays.join() !== [...draft.workdays].sort().join() || (original.source ?? '') !== draft.source;

  // weekday: 工作日 → 休 → 工作日; weekend: 周末 → 班 → 休（假期内的周末）→ 周末
  const toggle = (d: string) => {
    if (!editable) return;
    const h = new Set(draft.holidays);
    const w = new Set(draft.workdays);
    if (isWeekendIso(d)) {
      if (w.has(d)) (w.delete(d), h.add(d));
      else if (h.has(d)) h.delete(d);
      else w.add(d);
    } else if (h.has(d)) h.delete(d);
    else h.add(d);
    setDraft({ ...draft, holidays: [...h].sort(), workdays: [...w].sort() });
  };
  const add = (kind: 'holidays' | 'workdays', v: Dayjs | null) => {
    if (!v) return;
    const d = v.format('YYYY-MM-DD');
    const other = kind === 'holidays' ? 'workdays' : 'holidays';
    setDraft({ ...draft, [kind]: [...new Set([...draft[kind], d])].sort(), [other]: draft[other].filter((x) => x !== d) });
  };
  const remove = (kind: 'holidays' | 'workdays', d: string) => setDraft({ ...draft, [kind]: draft[kind].filter((x) => x !== d) });
  const submit = () => {
    setProblems([]);
    save.mutate(
      { year, body: { holidays: draft.holidays, workdays: draft.workdays, source: draft.source, version: isNew ? undefined : original?.version } },
      {
        // a new year reopens as an existing one once the list has it (the parent keys the editor on that)
        onSuccess: () => void message.success(`${year}年节假日安排已保存`),
        onError: (e) => {
          if (isStaleVersion(e)) return setProblems([`${year}年的安排已被他人修改或录入，请关闭后重新打开，在最新内容上修改`]);
          setProblems(isApiError(e) && e.details.length ? e.details.map((d) => d.message) : [errorMessage(e)]);
        },
      },
    );
  };
  const inYear = (v: Dayjs) => v.year() !== year;
  const list = (kind: 'holidays' | 'workdays') => (
    <Flex wrap gap={4}>
      {draft[kind].length === 0 && <Typography.Text type="secondary">无</Typography.Text>}
      {draft[kind].map((d) => (
        <Tag key={d} color={kind === 'holidays' ? 'red' : 'blue'} closable={editable} onClose={(e) => (e.preventDefault(), remove(kind, d))} style={{ marginInlineEnd: 0 }}>
          {md(d)}
          {kind === 'holidays' && isWeekendIso(d) ? '（周末）' : ''}
        </Tag>
      ))}
    </Flex>
  );

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <CalendarOutlined />
          <span>{year}年节假日安排</span>
          {isNew ? <Tag color="orange">新录入</Tag> : original && <Tag>第 {original.version} 版</Tag>}
        </Flex>
      }
      extra={
        <Flex gap={8}>
          {!isNew && (
            <Button size="small" icon={<DownloadOutlined />} href={calendarExportUrl(year)}>
              导出 CSV
            </Button>
          )}
          <Button size="small" onClick={onClose}>
            关闭
          </Button>
        </Flex>
      }
    >
      <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }}>
        <span><Tag color="red">休</Tag>放假</span>
        <span><Tag color="blue">班</Tag>调休上班（周末上班）</span>
        <span><Tag>周末</Tag>灰色为普通周末</span>
        {editable && <Typography.Text type="secondary">点击日期切换：工作日 ⇄ 放假；周末 → 调休上班 → 放假 → 周末</Typography.Text>}
      </Flex>
      <Row gutter={[12, 12]}>
        {Array.from({ length: 12 }, (_, i) => (
          <Col key={i} xs={24} sm={12} lg={8} xxl={6}>
            <MonthGrid year={year} month={i + 1} holidays={holidays} workdays={workdays} editable={editable} onToggle={toggle} />
          </Col>
        ))}
      </Row>
      <Row gutter={24} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>放假日期（{draft.holidays.length} 天）</Typography.Title>
          {list('holidays')}
          {editable && <DatePicker size="small" style={{ marginTop: 8, width: 240 }} placeholder="添加放假日期" disabledDate={inYear} defaultPickerValue={dayjs(`${year}-01-01`)} value={null} onChange={(v) => add('holidays', v)} aria-label="添加放假日期" />}
          {draft.holidays.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              假期：{blocksOf(draft.holidays).map((b) => (b.days > 1 ? `${md(b.from)}—${md(b.to)}（${b.days}天）` : `${md(b.from)}（1天）`)).join('；')}
            </Typography.Paragraph>
          )}
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>调休上班日期（{draft.workdays.length} 天）</Typography.Title>
          {list('workdays')}
          {editable && <DatePicker size="small" style={{ marginTop: 8, width: 240 }} placeholder="添加调休上班日（周六、周日）" disabledDate={(v) => inYear(v) || (v.day() !== 0 && v.day() !== 6)} defaultPickerValue={dayjs(`${year}-01-01`)} value={null} onChange={(v) => add('workdays', v)} aria-label="添加调休上班日" />}
        </Col>
      </Row>
      <div style={{ marginTop: 16 }}>
        <Typography.Title level={5}>数据来源</Typography.Title>
        {editable ? (
          <Input.TextArea value={draft.source} onChange={(e) => setDraft({ ...draft, source: e.target.value })} autoSize={{ minRows: 1, maxRows: 3 }} maxLength={300} placeholder={`如：国务院办公厅关于${year}年部分节假日安排的通知（××××年××月××日）`} aria-label="数据来源" />
        ) : (
          <Typography.Text>{draft.source || '—'}</Typography.Text>
        )}
        {original && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            最后修改：{original.updatedByName}，{fmtTime(original.updatedAt)}
          </Typography.Paragraph>
        )}
      </div>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title="未保存"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      {editable && (
        <Flex gap={8} style={{ marginTop: 16 }}>
          <Button type="primary" onClick={submit} loading={save.isPending} disabled={!dirty}>
            保存
          </Button>
          {!isNew && original && (
            <Button disabled={!dirty} onClick={() => (setProblems([]), setDraft({ holidays: original.holidays, workdays: original.workdays, source: original.source ?? '' }))}>
              撤销修改
            </Button>
          )}
        </Flex>
      )}
    </Card>
  );
}

const MAX_BYTES = 1024 * 1024;

/** Upload a CSV or JSON year; show what was imported, or every bad line (nothing is applied then). */
function ImportModal({ open, initialYear, sampleYear, onClose }: { open: boolean; initialYear: number | null; sampleYear: number | null; onClose: (importedYear?: number) => void }) {
  const imp = useImportCalendar();
  const [year, setYear] = useState<number | null>(initialYear);
  const [source, setSource] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<CalendarImportResult | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  useEffect(() => {
    if (open) setYear(initialYear);
  }, [open, initialYear]);
  const close = () => {
    const done = result?.applied ? (result.year ?? undefined) : undefined;
    setResult(null);
    setFileName(null);
    setLocalError(null);
    setSource('');
    imp.reset();
    onClose(done);
  };
  const upload = (file: File) => {
    setLocalError(null);
    setResult(null);
    if (!/\.(csv|json|txt)$/i.test(file.name)) return setLocalError('请上传 CSV（.csv）或 JSON（.json）文件；Excel 表格请先「另存为」CSV');
    if (file.size > MAX_BYTES) return setLocalError('文件不能超过 1 MB');
    setFileName(file.name);
    imp.mutate({ file, year: year ?? undefined, source: source.trim() || undefined }, { onSuccess: setResult });
  };
  const error = localError ?? (imp.error ? errorMessage(imp.error) : null);
  const thisYear = new Date().getFullYear();
  return (
    <Modal open={open} title="导入节假日安排" width={720} onCancel={close} footer={<Button onClick={close}>关闭</Button>} destroyOnHidden>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="一次导入一个年度；文件中任何一行有误时不导入任何内容，并逐行列出问题。已有的年度将被替换（记入操作日志）。"
        description={
          <div>
            <div>CSV：两列「日期,类型」，类型填 休（或 假）/ 班；表头可有可无；可用 Excel 编辑后「另存为 CSV」（UTF-8 或 GBK 均可）。</div>
            <pre style={{ margin: '6px 0', padding: '4px 8px', background: '#fafafa', fontSize: 12 }}>{'日期,类型\n2026-01-01,休\n2026-01-04,班'}</pre>
            <div>JSON：与随系统提供的日历文件相同，{'{"year": 2026, "source": "…", "holidays": […], "workdays": […]}'}。</div>
          </div>
        }
        action={
          sampleYear !== null && (
            <Button size="small" icon={<DownloadOutlined />} href={calendarExportUrl(sampleYear)}>
              下载样例（{sampleYear}年）
            </Button>
          )
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 180 }}
          value={year ?? 0}
          onChange={(v) => setYear(v || null)}
          aria-label="导入年度"
          options={[{ value: 0, label: '年度：按文件识别' }, ...Array.from({ length: 8 }, (_, i) => thisYear - 3 + i).map((y) => ({ value: y, label: `${y}年` }))]}
        />
        <Input style={{ flex: 1, minWidth: 240 }} value={source} onChange={(e) => setSource(e.target.value)} maxLength={300} placeholder="数据来源（可选，CSV 文件建议填写通知标题和日期）" aria-label="数据来源" />
      </Flex>
      <Upload.Dragger
        accept=".csv,.json,.txt,text/csv,application/json"
        multiple={false}
        showUploadList={false}
        disabled={imp.isPending}
        beforeUpload={(file) => {
          upload(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{imp.isPending ? `正在导入 ${fileName ?? ''} …` : '点击或拖拽 CSV / JSON 文件到此处上传'}</p>
        <p className="ant-upload-hint">单个文件不超过 1 MB</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon style={{ marginTop: 16 }} title="导入失败" description={error} />}
      {result && (
        <div style={{ marginTop: 16 }}>
          {result.applied ? (
            <Result
              style={{ padding: '12px 0' }}
              status="success"
              title={`已导入${result.year}年节假日安排${result.replaced ? '（已替换原有数据）' : ''}`}
              subTitle={`${fileName ?? ''}：放假 ${result.holidayCount} 天，调休上班 ${result.workdayCount} 天；文件编码 ${ENCODING_LABEL[result.encoding] ?? result.encoding}`}
            />
          ) : (
            <Result style={{ padding: '12px 0' }} status="error" title={`文件有 ${result.errors.length} 处问题，未导入任何内容`} subTitle={`${fileName ?? ''}：请修改后重新上传`} />
          )}
          {result.warnings.map((w) => (
            <Alert key={w.message} type="warning" showIcon style={{ marginBottom: 8 }} title={w.message} />
          ))}
          {result.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.line}-${r.message}`}
              dataSource={result.errors}
              pagination={result.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
              columns={[
                { title: '行号', dataIndex: 'line', width: 80, render: (l: number | null) => (l === null ? '—' : `第 ${l} 行`) },
                { title: '问题', dataIndex: 'message', render: (m: string) => <span className="fz-verbatim">{m.replace(/^第\d+行：/, '')}</span> },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}

function MissingAlert({ m, editable, onImport, onCreate }: { m: CalendarMissing; editable: boolean; onImport: () => void; onCreate: () => void }) {
  const shown = m.reasons.slice(0, 3);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={<strong>{m.message}</strong>}
      description={
        <div>
          <div>{m.hint}</div>
          <div style={{ marginTop: 4 }}>
            <Typography.Text type="secondary">
              需要该年度的：{shown.join('；')}
              {m.reasons.length > shown.length ? ` 等 ${m.reasons.length} 项` : ''}
            </Typography.Text>
          </div>
        </div>
      }
      action={
        editable ? (
          <Flex vertical gap={6}>
            <Button size="small" type="primary" icon={<UploadOutlined />} onClick={onImport}>
              导入文件
            </Button>
            <Button size="small" onClick={onCreate}>
              逐日录入
            </Button>
          </Flex>
        ) : undefined
      }
    />
  );
}

export default function CalendarPage() {
  const me = useCurrentUser();
  const { message, modal } = App.useApp();
  const editable = canManageCalendar(me);
  // the admin sees every region's plans; an office its current region's
  const overview = useCalendarOverview(editable ? null : me.currentRegionId);
  const del = useDeleteCalendarYear();
  const [params, setParams] = useSearchParams();
  const [importFor, setImportFor] = useState<number | null | undefined>(undefined);
  const [asking, setAsking] = useState(false);
  const [askYear, setAskYear] = useState<number | null>(null);
  const selected = params.get('year') ? Number(params.get('year')) : null;
  const isNew = params.get('new') === '1';
  const data = overview.data;
  const have = useMemo(() => new Set((data?.years ?? []).map((y) => y.year)), [data]);
  const currentYear = data ? Number(data.today.slice(0, 4)) : null;
  const shownYear = selected ?? (currentYear !== null && have.has(currentYear) ? currentYear : null);

  const open = (year: number, asNew = false) => setParams(asNew ? { year: String(year), new: '1' } : { year: String(year) });
  const create = (year: number) => (have.has(year) ? open(year) : open(year, true));
  const remove = (y: CalendarYearSummary) =>
    del.mutate(
      { year: y.year, version: y.version },
      {
        onSuccess: () => {
          void message.success(`已删除${y.year}年节假日安排`);
          if (shownYear === y.year) setParams({});
        },
        onError: (e) => void message.error(isStaleVersion(e) ? `${y.year}年的安排已被他人修改，请刷新后再删除` : errorMessage(e)),
      },
    );

  const columns: TableColumnsType<CalendarYearSummary> = [
    { title: '年度', dataIndex: 'year', width: 90, render: (y: number) => <Typography.Link onClick={() => open(y)}>{y}年</Typography.Link> },
    { title: '放假', dataIndex: 'holidayCount', width: 90, align: 'right', render: (n: number) => `${n} 天` },
    { title: '调休上班', dataIndex: 'workdayCount', width: 100, align: 'right', render: (n: number) => `${n} 天` },
    { title: '数据来源', dataIndex: 'source', render: (s: string | null) => s ?? <Typography.Text type="secondary">未注明</Typography.Text> },
    { title: '最后修改', key: 'updated', width: 270, render: (_v, y) => <Typography.Text type="secondary">{y.updatedByName}　{fmtTime(y.updatedAt)}</Typography.Text> },
    {
      title: '操作',
      key: 'ops',
      width: editable ? 210 : 140,
      render: (_v, y) => (
        <Flex gap={8} wrap>
          <Typography.Link onClick={() => open(y.year)}>{editable ? '查看 / 修改' : '查看'}</Typography.Link>
          <Typography.Link href={calendarExportUrl(y.year)}>导出</Typography.Link>
          {editable && (
            <Popconfirm title={`删除${y.year}年节假日安排？`} description="删除后，涉及该年度的工作日将按周一至周五计算并标注。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove(y)}>
              <Typography.Link type="danger">删除</Typography.Link>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="工作日历"
        extra={
          editable && (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImportFor(null)}>
                导入文件
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => (setAskYear(data?.missing[0]?.year ?? (currentYear ?? new Date().getFullYear()) + 1), setAsking(true))}>
                录入年度
              </Button>
            </>
          )
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="「×个工作日」类时限（督办提醒、警示升级等）按本日历计算。每年的放假和调休安排以国务院办公厅通知为准，通常于上一年第四季度公布。"
        description={editable ? '公布后请导入或录入新年度；未导入的年度按周一至周五计算，相关结果会标注。' : '日历由系统管理员维护；如发现有误或缺少年度，请联系系统管理员。'}
      />
      {overview.isPending && <Spin />}
      {overview.error && <Alert type="error" showIcon title={errorMessage(overview.error)} />}
      {data && (
        <>
          {data.missing.map((m) => (
            <MissingAlert key={m.year} m={m} editable={editable} onImport={() => setImportFor(m.year)} onCreate={() => create(m.year)} />
          ))}
          <Card title="已有年度" size="small" style={{ marginBottom: 16 }}>
            <Table
              rowKey="year"
              size="small"
              dataSource={[...data.years].reverse()}
              columns={columns}
              pagination={false}
              rowClassName={(y) => (y.year === shownYear ? 'ant-table-row-selected' : '')}
              locale={{ emptyText: <Empty description="尚未导入任何年度" /> }}
            />
          </Card>
          {shownYear !== null && (
            <YearEditor key={`${shownYear}-${isNew && !have.has(shownYear) ? 'new' : 'old'}`} year={shownYear} isNew={isNew && !have.has(shownYear)} editable={editable} onClose={() => setParams({})} />
          )}
        </>
      )}
      <ImportModal
        open={importFor !== undefined}
        initialYear={importFor ?? null}
        sampleYear={data?.years.length ? data.years[data.years.length - 1]!.year : null}
        onClose={(y) => {
          setImportFor(undefined);
          if (y) open(y);
        }}
      />
      <Modal
        open={asking}
        title="录入年度"
        okText="开始录入"
        cancelText="取消"
        onCancel={() => setAsking(false)}
        onOk={() => {
          if (!askYear || askYear < 2000 || askYear > 2100) return void modal.warning({ title: '请填写 2000—2100 之间的年度' });
          setAsking(false);
          create(askYear);
        }}
        destroyOnHidden
      >
        <Flex align="center" gap={8}>
          <InputNumber min={2000} max={2100} value={askYear} onChange={(v) => setAskYear(v)} aria-label="年度" />
          <span>年</span>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          已有的年度将直接打开修改。按国务院办公厅通知逐日点选放假日期和调休上班日期，填写数据来源后保存。
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
