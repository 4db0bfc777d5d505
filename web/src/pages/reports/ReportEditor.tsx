import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Input, InputNumber, Modal, Radio, Result, Row, Space, Spin, Tag, Tooltip, Typography, Upload } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { DeleteOutlined, FolderOpenOutlined, HistoryOutlined, InboxOutlined, OrderedListOutlined, UnorderedListOutlined, ImportOutlined } from '@ant-design/icons';
import { COMPLETIONS, COMPLETION_LABEL, type Evidence, type ReportView } from '@shared/api/reports.ts';
import { errorMessage, isStaleVersion } from '../../api/client.ts';
import { useCoReports, useOpenReport, useReportAction, useSaveReport, useTaskPage, useUnitEvidence, useUploadEvidence } from '../../api/reports.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { targetText } from '../plans/common.tsx';
import { completionText, EvidenceLink, HEADING_RE, HistoryDrawer, NarrativeView, StateTag, TASK_STATUS_COLOR } from './common.tsx';

const NUMS = '一二三四五六七八九十';
type Completion = (typeof COMPLETIONS)[number];

interface Draft {
  narrative: string;
  completion: Completion | null;
  percent: number | null;
  targetValues: { targetIndex: number; value: number | null; note?: string | null }[];
  evidence: Evidence[];
}
const fromView = (r: ReportView): Draft => ({
  narrative: r.narrative,
  completion: r.completion,
  percent: r.percent,
  targetValues: r.targetValues,
  evidence: r.evidence,
});

function EarlierFilesModal({ unitId, open, have, onPick, onClose }: { unitId: string; open: boolean; have: Set<string>; onPick: (e: Evidence[]) => void; onClose: () => void }) {
  const files = useUnitEvidence(unitId, open);
  const [sel, setSel] = useState<string[]>([]);
  return (
    <Modal
      open={open}
      title="从已上传的材料中选择"
      okText={`添加${sel.length ? `（${sel.length}）` : ''}`}
      cancelText="取消"
      okButtonProps={{ disabled: !sel.length }}
      onCancel={onClose}
      afterClose={() => setSel([])}
      onOk={() => {
        onPick((files.data ?? []).filter((f) => sel.includes(f.uploadId)));
        onClose();
      }}
      width={640}
    >
      {files.isPending ? (
        <Spin />
      ) : files.error ? (
        <Alert type="error" title={errorMessage(files.error)} />
      ) : !files.data?.length ? (
        <Empty description="本单位还没有上传过材料" />
      ) : (
        <Checkbox.Group value={sel} onChange={(v) => setSel(v as string[])} style={{ display: 'block', maxHeight: 420, overflow: 'auto' }}>
          {files.data.map((f) => (
            <div key={f.uploadId} className="fz-pick-row">
              <Checkbox value={f.uploadId} disabled={have.has(f.uploadId)}>
                <EvidenceLink e={f} />
              </Checkbox>
              <span className="fz-sub" style={{ display: 'inline' }}>{have.has(f.uploadId) ? '已添加' : fmtTime(f.uploadedAt)}</span>
            </div>
          ))}
        </Checkbox.Group>
      )}
    </Modal>
  );
}

export default function ReportEditor() {
  const [sp] = useSearchParams();
  const taskId = sp.get('taskId') ?? '';
  const periodId = sp.get('periodId') ?? '';
  const unitIdParam = sp.get('unitId') ?? undefined;
  const key = taskId && periodId ? { taskId, periodId, unitId: unitIdParam } : null;
  const report = useOpenReport(key);
  const task = useTaskPage(taskId || null);
  const r = report.data;
  const co = useCoReports(taskId, periodId, r?.role === 'lead');
  const save = useSaveReport();
  const act = useReportAction();
  const upload = useUploadEvidence();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();

  const [draft, setDraft] = useState<Draft | null>(null);
  const [version, setVersion] = useState(0);
  const [stale, setStale] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [picking, setPicking] = useState(false);
  const [history, setHistory] = useState(false);
  const [uploadErr, setUploadErr] = useState<string | null>(null);
  const ta = useRef<TextAreaRef>(null);

  // the first load (and 「载入最新内容」) fills the form
  useEffect(() => {
    if (r && (!draft || (!dirty && r.version !== version))) {
      setDraft(fromView(r));
      setVersion(r.version);
    }
  }, [r]); // eslint-disable-line react-hooks/exhaustive-deps

  const period = task.data?.periods.find((p) => p.id === periodId);
  const previous = useMemo(() => {
    if (!task.data || !r) return null;
    const idx = task.data.periods.findIndex((p) => p.id === periodId);
    for (const p of task.data.periods.slice(idx + 1)) {
      const mine = p.reports.find((x) => x.unitId === r.unitId && x.narrative?.trim());
      if (mine) return { periodLabel: p.label, ...mine };
    }
    return null;
  }, [task.data, r, periodId]);

  if (!key) return <Card><Result status="warning" title="缺少任务或周期" extra={<Link to="/reports">返回我的任务</Link>} /></Card>;
  if (report.error) return <Card><Result status="warning" title="无法打开报送" subTitle={errorMessage(report.error)} extra={<Link to="/reports">返回我的任务</Link>} /></Card>;
  if (!r || !draft) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;

  const t = task.data?.task;
  const editable = r.can.edit;
  const update = (p: Partial<Draft>) => {
    setDraft({ ...draft, ...p });
    setDirty(true);
  };

  const insertAtCursor = (text: string, lineStart = true) => {
    const el = ta.current?.resizableTextArea?.textArea;
    const v = draft.narrative;
    const pos = el ? el.selectionStart : v.length;
    const before = v.slice(0, pos);
    const prefix = lineStart && before && !before.endsWith('\n') ? '\n' : '';
    const next = before + prefix + text + v.slice(pos);
    update({ narrative: next });
    const caret = (before + prefix + text).length;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };
  const nextHeading = () => {
    const n = draft.narrative.split('\n').filter((l) => HEADING_RE.test(l.trim())).length;
    return `${NUMS[n] ?? n + 1}、`;
  };
  const appendText = (text: string) => update({ narrative: draft.narrative.trim() ? `${draft.narrative.trimEnd()}\n${text}` : text });

  const body = () => ({
    taskId,
    periodId,
    unitId: unitIdParam,
    ...(version > 0 ? { version } : {}),
    narrative: draft.narrative,
    completion: draft.completion,
    percent: draft.completion === 'in_progress' ? draft.percent : null,
    targetValues: draft.targetValues,
    uploadIds: draft.evidence.map((e) => e.uploadId),
  });
  const onError = (e: unknown) => {
    if (isStaleVersion(e)) setStale(true);
    else void message.error(errorMessage(e));
  };
  const doSave = async (): Promise<ReportView | null> => {
    try {
      const v = await save.mutateAsync(body());
      setVersion(v.version);
      setDraft(fromView(v));
      setDirty(false);
      return v;
    } catch (e) {
      onError(e);
      return null;
    }
  };
  const onSave = async () => {
    if (await doSave()) void message.success('草稿已保存');
  };
  const onSubmit = () => {
    if (!draft.completion) return void message.warning('请选择完成情况');
    if (!draft.narrative.trim()) return void message.warning('请填写进展情况');
    modal.confirm({
      title: '提交本期报送？',
      content: r.role === 'lead' ? '提交后由依法治办审核，审核期间不能修改。' : '提交后牵头单位可看到并汇总本单位的报送内容。',
      okText: '提交',
      cancelText: '取消',
      onOk: async () => {
        const v = editable ? await doSave() : r;
        if (!v?.id) return;
        try {
          await act.mutateAsync({ id: v.id, action: 'submit', version: v.version });
          void message.success('已提交');
          navigate('/reports');
        } catch (e) {
          onError(e);
        }
      },
    });
  };
  const reload = async () => {
    const res = await report.refetch();
    if (res.data) {
      setDraft(fromView(res.data));
      setVersion(res.data.version);
      setDirty(false);
      setStale(false);
    }
  };

  const have = new Set(draft.evidence.map((e) => e.uploadId));
  const statusColor = t ? TASK_STATUS_COLOR[t.status] : undefined;

  return (
    <>
      <PageHeader
        title={<>报送填报 <span style={{ fontWeight: 400, fontSize: 14, color: '#595959', marginLeft: 8 }}>{r.unitName} · {r.periodLabel}</span></>}
        extra={
          <>
            <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)} disabled={!r.id}>报送记录</Button>
            <Button onClick={() => navigate(-1)}>返回</Button>
          </>
        }
      />
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message="该报送已被他人修改并保存，您的修改未能保存。"
          description="请载入最新内容后再修改（您当前填写的内容将被替换，可先复制备用）。"
          action={<Button type="primary" onClick={() => void reload()}>载入最新内容</Button>}
        />
      )}
      {r.state === 'returned' && r.returnReason && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title="本期报送被依法治办退回" description={<>退回原因：{r.returnReason}</>} />
      )}
      <Card size="small" style={{ marginBottom: 12 }} title={t ? <Link to={`/tasks/${taskId}`}>任务 {t.path.join('.')}</Link> : '任务'} extra={<Space>{t && <Tag color={statusColor}>{t.status}</Tag>}<StateTag state={r.state} label={r.stateLabel} /></Space>}>
        {t ? (
          <Descriptions column={3} size="small" bordered styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="任务内容" span={3}><span className="fz-verbatim">{t.text}</span></Descriptions.Item>
            <Descriptions.Item label="本单位角色">{r.role === 'lead' ? <Tag color="blue">牵头单位</Tag> : <Tag>责任单位（配合）</Tag>}</Descriptions.Item>
            <Descriptions.Item label="完成时限">{[...new Set(t.deadlines.map((d) => d.meaning))].join('；') || '未明确时限'}</Descriptions.Item>
            <Descriptions.Item label="报送截止">{period?.due ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="指标" span={3}>{t.targets.length ? t.targets.map((x, i) => <div key={i}>{targetText(x)}</div>) : '—'}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Spin />
        )}
      </Card>
      <Row gutter={12}>
        <Col span={16}>
          <Card size="small" title="进展情况" style={{ marginBottom: 12 }}>
            {editable && (
              <div className="fz-md-toolbar" role="toolbar" aria-label="格式">
                <Tooltip title="插入一级标题，如「一、」"><Button size="small" icon={<OrderedListOutlined />} onClick={() => insertAtCursor(nextHeading())}>标题「{nextHeading()}」</Button></Tooltip>
                <Tooltip title="插入列表项「- 」"><Button size="small" icon={<UnorderedListOutlined />} onClick={() => insertAtCursor('- ')}>列表项</Button></Tooltip>
                {previous && <Button size="small" icon={<ImportOutlined />} onClick={() => appendText(previous.narrative ?? '')}>引用上期内容</Button>}
                <span style={{ marginLeft: 'auto', color: '#8c8c8c', fontSize: 12 }}>以「一、」开头的行为标题，以「- 」开头的行为列表</span>
              </div>
            )}
            <Row gutter={12}>
              <Col span={editable ? 12 : 24}>
                {editable ? (
                  <Input.TextArea
                    ref={ta}
                    aria-label="进展情况"
                    value={draft.narrative}
                    onChange={(e) => update({ narrative: e.target.value })}
                    autoSize={{ minRows: 14, maxRows: 30 }}
                    maxLength={20000}
                    showCount
                    placeholder={'一、工作开展情况\n- 具体措施……\n二、下一步工作打算'}
                  />
                ) : (
                  <NarrativeView text={draft.narrative} />
                )}
              </Col>
              {editable && (
                <Col span={12}>
                  <div className="fz-preview" aria-label="预览">
                    <div className="fz-preview-title">预览</div>
                    <NarrativeView text={draft.narrative} empty="在左侧填写后此处显示排版效果" />
                  </div>
                </Col>
              )}
            </Row>
          </Card>
          <Card size="small" title="完成情况" style={{ marginBottom: 12 }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Radio.Group
                  disabled={!editable}
                  value={draft.completion}
                  onChange={(e) => update({ completion: e.target.value as Completion })}
                  options={COMPLETIONS.map((c) => ({ value: c, label: COMPLETION_LABEL[c] }))}
                  aria-label="完成情况"
                />
                {draft.completion === 'in_progress' && (
                  <Space>
                    完成比例
                    <InputNumber aria-label="完成比例" min={0} max={100} disabled={!editable} value={draft.percent} onChange={(v) => update({ percent: v ?? null })} suffix="%" style={{ width: 110 }} />
                  </Space>
                )}
              </Space>
              {t && t.targets.length > 0 && (
                <div>
                  <Typography.Text strong>指标完成值</Typography.Text>
                  {t.targets.map((x, i) => {
                    const tv = draft.targetValues.find((v) => v.targetIndex === i);
                    const setTv = (p: { value?: number | null; note?: string }) => {
                      const rest = draft.targetValues.filter((v) => v.targetIndex !== i);
                      update({ targetValues: [...rest, { targetIndex: i, value: tv?.value ?? null, note: tv?.note ?? null, ...p }].sort((a, b) => a.targetIndex - b.targetIndex) });
                    };
                    return (
                      <div key={i} className="fz-target-row">
                        <span className="fz-target-label" title={x.raw}>{targetText(x)}</span>
                        <InputNumber aria-label={`指标${i + 1}完成值`} disabled={!editable} value={tv?.value ?? null} onChange={(v) => setTv({ value: v })} placeholder="完成值" suffix={x.unit ?? undefined} style={{ width: 150 }} />
                        <Input aria-label={`指标${i + 1}说明`} disabled={!editable} value={tv?.note ?? ''} onChange={(e) => setTv({ note: e.target.value })} placeholder="说明（选填）" maxLength={200} style={{ flex: 1 }} />
                      </div>
                    );
                  })}
                </div>
              )}
            </Space>
          </Card>
          <Card
            size="small"
            title={`佐证材料（${draft.evidence.length}）`}
            extra={editable && <Button size="small" icon={<FolderOpenOutlined />} onClick={() => setPicking(true)}>从已上传材料中选择</Button>}
            style={{ marginBottom: 12 }}
          >
            {editable && (
              <Upload.Dragger
                multiple
                showUploadList={false}
                accept=".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.gif,.webp,.zip"
                customRequest={({ file, onSuccess, onError: fail }) => {
                  setUploadErr(null);
                  upload.mutate(
                    { unitId: r.unitId, file: file as File },
                    {
                      onSuccess: (ev) => {
                        setDraft((d) => (d && !d.evidence.some((x) => x.uploadId === ev.uploadId) ? { ...d, evidence: [...d.evidence, ev] } : d));
                        setDirty(true);
                        void message.success(`已上传：${ev.fileName}`);
                        onSuccess?.(ev);
                      },
                      onError: (e) => {
                        setUploadErr(`${(file as File).name}：${errorMessage(e)}`);
                        fail?.(e as Error);
                      },
                    },
                  );
                }}
                aria-label="上传佐证材料"
              >
                <p className="ant-upload-drag-icon" style={{ marginBottom: 4 }}><InboxOutlined /></p>
                <p className="ant-upload-text" style={{ fontSize: 14 }}>点击或将佐证材料拖到此处上传</p>
                <p className="ant-upload-hint" style={{ fontSize: 12 }}>支持 PDF、Word、Excel、图片、ZIP；上传后请保存</p>
              </Upload.Dragger>
            )}
            {upload.isPending && <Alert style={{ marginTop: 8 }} type="info" showIcon title="正在上传……" />}
            {uploadErr && <Alert style={{ marginTop: 8 }} type="error" showIcon closable onClose={() => setUploadErr(null)} title="上传失败" description={uploadErr} />}
            {draft.evidence.length ? (
              <ul className="fz-ev-list" aria-label="已添加的佐证材料">
                {draft.evidence.map((e) => (
                  <li key={e.uploadId}>
                    <EvidenceLink e={e} />
                    <span className="fz-sub" style={{ display: 'inline', marginLeft: 8 }}>{fmtTime(e.uploadedAt)}</span>
                    {editable && (
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`移除 ${e.fileName}`}
                        onClick={() => update({ evidence: draft.evidence.filter((x) => x.uploadId !== e.uploadId) })}
                        style={{ marginLeft: 'auto' }}
                      >
                        移除
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              !editable && <span style={{ color: '#bfbfbf' }}>未上传佐证材料</span>
            )}
          </Card>
          <Card size="small" className="fz-actions">
            <Space>
              {editable && <Button onClick={() => void onSave()} loading={save.isPending}>保存草稿</Button>}
              {(editable || r.can.submit) && (
                <Button type="primary" onClick={onSubmit} loading={act.isPending}>提交</Button>
              )}
              {!editable && !r.can.submit && <span style={{ color: '#8c8c8c' }}>当前状态（{r.stateLabel}）不可修改</span>}
              {dirty && <Tag color="orange">有未保存的修改</Tag>}
              {r.version > 0 && <span style={{ color: '#8c8c8c' }}>第 {version} 版{r.submittedAt ? ` · 提交于 ${fmtTime(r.submittedAt)}` : ''}</span>}
            </Space>
          </Card>
        </Col>
        <Col span={8}>
          {r.role === 'lead' && (
            <Card size="small" title="协同单位报送" style={{ marginBottom: 12 }} styles={{ body: { maxHeight: 560, overflow: 'auto' } }}>
              {co.isPending ? (
                <Spin />
              ) : co.error ? (
                <Alert type="error" title={errorMessage(co.error)} />
              ) : (
                <>
                  {!co.data?.some((c) => c.state !== 'none' && c.state !== 'draft') && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="责任单位尚未提交本期报送" />}
                  {co.data
                    ?.filter((c) => c.state !== 'none' && c.state !== 'draft')
                    .map((c) => (
                      <div key={c.unitId} className="fz-co" aria-label={`协同单位 ${c.unitName}`}>
                        <div className="fz-co-head">
                          <b>{c.unitName}</b>
                          <StateTag state={c.state} label={c.stateLabel} />
                          {editable && (
                            <Button size="small" style={{ marginLeft: 'auto' }} icon={<ImportOutlined />} onClick={() => appendText(`【${c.unitName}】\n${c.narrative.trim()}`)} aria-label={`引用 ${c.unitName}`}>
                              引用
                            </Button>
                          )}
                        </div>
                        <div className="fz-sub">{completionText(c.completion, c.percent)}{c.submittedAt ? ` · ${fmtTime(c.submittedAt)}` : ''}</div>
                        <div className="fz-co-body"><NarrativeView text={c.narrative} /></div>
                        {c.evidence.map((e) => <div key={e.uploadId}><EvidenceLink e={e} /></div>)}
                      </div>
                    ))}
                  {(co.data ?? []).some((c) => c.state === 'none' || c.state === 'draft') && (
                    <div className="fz-sub" style={{ marginTop: 4 }}>
                      尚未提交：{(co.data ?? []).filter((c) => c.state === 'none' || c.state === 'draft').map((c) => c.unitName).join('、')}
                    </div>
                  )}
                </>
              )}
            </Card>
          )}
          <Card size="small" title={previous ? `上期报送（${previous.periodLabel}）` : '上期报送'} styles={{ body: { maxHeight: 480, overflow: 'auto' } }}>
            {previous ? (
              <>
                <div className="fz-sub" style={{ marginBottom: 6 }}>{completionText(previous.completion, previous.percent)} · <StateTag state={previous.state} label={previous.stateLabel} /></div>
                <NarrativeView text={previous.narrative ?? ''} />
                {editable && <Button block style={{ marginTop: 8 }} icon={<ImportOutlined />} onClick={() => appendText(previous.narrative ?? '')}>引用上期内容</Button>}
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有上期报送内容" />
            )}
          </Card>
        </Col>
      </Row>
      <EarlierFilesModal
        unitId={r.unitId}
        open={picking}
        have={have}
        onClose={() => setPicking(false)}
        onPick={(files) => update({ evidence: [...draft.evidence, ...files.filter((f) => !have.has(f.uploadId))] })}
      />
      <HistoryDrawer reportId={r.id} open={history} onClose={() => setHistory(false)} title={`报送记录 · ${r.unitName} · ${r.periodLabel}`} />
    </>
  );
}
