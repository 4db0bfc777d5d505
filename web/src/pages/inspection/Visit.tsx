import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Modal, Radio, Result, Select, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { CameraOutlined, DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { CHECK_RESULT_LABEL, CHECK_RESULTS, type ChecklistItem, type Problem, type Visit as VisitT } from '@shared/api/inspections.ts';
import type { Evidence } from '@shared/api/reports.ts';
import { errorMessage, isStaleVersion } from '../../api/client.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { useAddProblem, useDeleteProblem, useProblems, useRecordVisit, useUploadVisitFile, useVisit } from '../../api/inspections.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { cnDate, daysFromToday } from '../supervision/common.tsx';
import { FileList, ProblemStateTag, VisitStateTag } from './common.tsx';

type Result = { result?: (typeof CHECK_RESULTS)[number]; note: string };
type ProblemValues = { checklistKey?: string; description: string; evidenceNote?: string; requirement: string; deadline: dayjs.Dayjs };

function AddProblemModal({ visit, open, presetKey, onClose }: { visit: VisitT; open: boolean; presetKey?: string; onClose: () => void }) {
  const [form] = Form.useForm<ProblemValues>();
  const [files, setFiles] = useState<Evidence[]>([]);
  const [err, setErr] = useState<string | null>(null);
  const upload = useUploadVisitFile();
  const add = useAddProblem();
  const { message } = App.useApp();
  useEffect(() => {
    if (open) form.setFieldsValue({ checklistKey: presetKey });
  }, [open, presetKey, form]);
  const submit = async () => {
    const v = await form.validateFields();
    setErr(null);
    add.mutate(
      { visitId: visit.id, body: { checklistKey: v.checklistKey ?? null, description: v.description, evidenceNote: v.evidenceNote ?? '', requirement: v.requirement, deadline: v.deadline.format('YYYY-MM-DD'), uploadIds: files.map((f) => f.uploadId) } },
      { onSuccess: () => (void message.success('已记录问题'), onClose()), onError: (e) => setErr(errorMessage(e)) },
    );
  };
  return (
    <Modal open={open} title="记录督察发现的问题" okText="记录问题" cancelText="取消" width={720} confirmLoading={add.isPending} onOk={() => void submit()} onCancel={onClose} destroyOnHidden afterClose={() => (form.resetFields(), setFiles([]), setErr(null))}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ deadline: dayjs(daysFromToday(30)), checklistKey: presetKey }}>
        <Form.Item name="checklistKey" label="对应检查项">
          <Select aria-label="对应检查项" allowClear placeholder="不对应具体任务时可不选" options={visit.checklist.map((c) => ({ value: c.key, label: `${c.number} ${c.text.length > 50 ? `${c.text.slice(0, 50)}…` : c.text}` }))} />
        </Form.Item>
        <Form.Item name="description" label="发现的问题" rules={[{ required: true, whitespace: true, message: '请写明发现的问题' }]}>
          <Input.TextArea aria-label="发现的问题" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={3000} showCount placeholder="如：权责清单未按机构改革动态调整，仍保留3项已取消事项" />
        </Form.Item>
        <Form.Item name="evidenceNote" label="证据说明">
          <Input.TextArea aria-label="证据说明" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={3000} placeholder="如：现场调阅权责清单文本第12页，见照片" />
        </Form.Item>
        <Form.Item label={`现场照片和材料（${files.length}）`}>
          <Upload
            multiple
            showUploadList={false}
            accept=".jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.zip"
            customRequest={({ file, onSuccess, onError }) =>
              upload.mutate({ visitId: visit.id, file: file as File }, { onSuccess: (ev) => (setFiles((fs) => (fs.some((x) => x.uploadId === ev.uploadId) ? fs : [...fs, ev])), onSuccess?.(ev)), onError: (e) => (setErr(`${(file as File).name}：${errorMessage(e)}`), onError?.(e as Error)) })
            }
          >
            <Button icon={<CameraOutlined />} loading={upload.isPending} aria-label="上传现场照片">上传照片或材料</Button>
          </Upload>
          <div style={{ marginTop: 8 }}>
            {files.map((f) => (
              <Tag key={f.uploadId} closable onClose={() => setFiles((fs) => fs.filter((x) => x.uploadId !== f.uploadId))}>{f.fileName}</Tag>
            ))}
          </div>
        </Form.Item>
        <Form.Item name="requirement" label="整改要求" rules={[{ required: true, whitespace: true, message: '请写明整改要求' }]}>
          <Input.TextArea aria-label="整改要求" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={3000} showCount placeholder="如：立即调整权责清单并在政府网站公布" />
        </Form.Item>
        <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
          <DatePicker aria-label="整改期限" disabledDate={(d) => !d.isAfter(dayjs().startOf('day'))} />
        </Form.Item>
      </Form>
      {err && <Alert type="error" showIcon title={err} />}
    </Modal>
  );
}

export default function Visit() {
  const { id } = useParams();
  const me = useCurrentUser();
  const v = useVisit(id);
  const problems = useProblems({ regionId: me.currentRegionId, visitId: id, page: 1, pageSize: 200 }, !!v.data);
  const record = useRecordVisit();
  const del = useDeleteProblem();
  const { message, modal } = App.useApp();
  const [results, setResults] = useState<Record<string, Result>>({});
  const [summary, setSummary] = useState('');
  const [visitedOn, setVisitedOn] = useState<string>(daysFromToday(0));
  const [adding, setAdding] = useState<{ key?: string } | null>(null);
  const [err, setErr] = useState<string | null>(null);
  if (v.isPending) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (v.error) return <Card><Result status="warning" title="无法打开该督察记录" subTitle={errorMessage(v.error)} extra={<Link to="/inspection/plans">返回督察计划</Link>} /></Card>;
  const d = v.data;
  const editing = d.state === 'planned' && d.canInspect;
  const list = problems.data?.items ?? [];
  const ofKey = (k: string) => list.filter((p) => p.checklistKey === k);
  const setResult = (k: string, p: Partial<Result>) => setResults((r) => ({ ...r, [k]: { note: '', ...r[k], ...p } }));
  const submit = () => {
    setErr(null);
    const missing = d.checklist.filter((c) => !results[c.key]?.result);
    if (missing.length) return setErr(`还有 ${missing.length} 项检查内容未选择结果：${missing.map((c) => c.number).join('、')}`);
    if (!summary.trim()) return setErr('请填写督察情况');
    modal.confirm({
      title: '提交督察记录',
      content: list.length ? `提交后，记录的 ${list.length} 个问题将形成问题清单并下发${d.unitName}整改，不能再修改。` : '本次督察未记录问题。提交后不能再修改。',
      okText: '提交',
      cancelText: '取消',
      onOk: () =>
        record.mutateAsync({ id: d.id, body: { version: d.version, visitedOn, summary: summary.trim(), results: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { result: r.result!, note: r.note }])) } }).then(
          (r) => void message.success(r.listNumber ? `已提交督察记录，问题清单 ${r.listNumber} 已下发` : '已提交督察记录'),
          (e: unknown) => setErr(isStaleVersion(e) ? '督察记录已被他人修改，请刷新后再试' : errorMessage(e)),
        ),
    });
  };

  return (
    <>
      <PageHeader title={`督察记录：${d.unitName}`} extra={d.listNumber && <Link to={`/inspection/problems?visitId=${d.id}`}><Button>问题清单 {d.listNumber}</Button></Link>} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="督察计划"><Link to={`/inspection/plans/${d.inspectionId}`}>{d.inspectionTitle}</Link></Descriptions.Item>
          <Descriptions.Item label="计划日期">{cnDate(d.scheduledOn)}</Descriptions.Item>
          <Descriptions.Item label="督察人员">{d.inspectors.map((i) => i.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label="状态"><VisitStateTag state={d.state} label={d.stateLabel} /></Descriptions.Item>
          {d.visitedOn && <Descriptions.Item label="督察日期">{cnDate(d.visitedOn)}</Descriptions.Item>}
          {d.recordedByName && <Descriptions.Item label="记录">{d.recordedByName} · {fmtTime(d.recordedAt)}</Descriptions.Item>}
          {d.summary && <Descriptions.Item label="督察情况" span={3}><span style={{ whiteSpace: 'pre-wrap' }}>{d.summary}</span></Descriptions.Item>}
        </Descriptions>
      </Card>
      {d.state === 'planned' && !d.canInspect && <Alert style={{ marginBottom: 12 }} type="info" showIcon title="此次督察尚未记录；由安排的督察人员填写。" />}
      <Card size="small" title={`督察清单（${d.checklist.length} 项）`} style={{ marginBottom: 12 }}>
        <Table<ChecklistItem>
          rowKey="key"
          size="small"
          bordered
          pagination={false}
          dataSource={d.checklist}
          columns={[
            { title: '任务', key: 't', render: (_v, c) => <><b>{c.number}</b> {c.text}<div style={{ fontSize: 12, color: '#8c8c8c' }}>{c.chapter}</div></> },
            { title: '检查内容', dataIndex: 'check', width: 240, render: (s: string) => <span style={{ fontSize: 12 }}>{s}</span> },
            {
              title: '检查结果',
              key: 'r',
              width: 280,
              render: (_v, c) => {
                if (!editing) {
                  const r = d.results[c.key];
                  return r ? <><Tag color={r.result === 'ok' ? 'green' : r.result === 'problem' ? 'red' : 'default'}>{CHECK_RESULT_LABEL[r.result]}</Tag>{r.note}</> : '—';
                }
                const r = results[c.key];
                return (
                  <Space direction="vertical" size={4} style={{ width: '100%' }}>
                    <Radio.Group aria-label={`检查结果 ${c.number}`} value={r?.result} onChange={(e) => setResult(c.key, { result: e.target.value })} options={CHECK_RESULTS.map((x) => ({ value: x, label: CHECK_RESULT_LABEL[x] }))} />
                    <Input size="small" aria-label={`检查说明 ${c.number}`} placeholder="说明（可选）" value={r?.note} onChange={(e) => setResult(c.key, { note: e.target.value })} maxLength={1000} />
                  </Space>
                );
              },
            },
            {
              title: '问题',
              key: 'p',
              width: 130,
              render: (_v, c) => (
                <>
                  {ofKey(c.key).map((p) => <div key={p.id}><Link to={`/inspection/problems/${p.id}`}>第{p.seq}项</Link></div>)}
                  {editing && <Button size="small" type="link" icon={<PlusOutlined />} style={{ padding: 0 }} onClick={() => setAdding({ key: c.key })} aria-label={`记录问题 ${c.number}`}>记录问题</Button>}
                </>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={`${d.listNumber ? `问题清单 ${d.listNumber}` : '发现的问题'}（${list.length}）`} extra={editing && <Button icon={<PlusOutlined />} onClick={() => setAdding({})}>记录其他问题</Button>} style={{ marginBottom: 12 }}>
        <Table<Problem>
          rowKey="id"
          size="small"
          bordered
          pagination={false}
          loading={problems.isFetching}
          dataSource={list}
          locale={{ emptyText: <Empty description="未记录问题" /> }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 60 },
            { title: '问题', key: 'd', render: (_v, p) => <><Link to={`/inspection/problems/${p.id}`}>{p.description}</Link>{p.taskNumber && <div style={{ fontSize: 12, color: '#8c8c8c' }}>任务 {p.taskNumber}</div>}</> },
            { title: '证据与照片', key: 'f', width: 240, render: (_v, p) => <>{p.evidenceNote && <div style={{ fontSize: 12 }}>{p.evidenceNote}</div>}<FileList files={p.findingFiles} /></> },
            { title: '整改要求', dataIndex: 'requirement', width: 220 },
            { title: '整改期限', dataIndex: 'deadline', width: 100 },
            { title: '状态', key: 's', width: 120, render: (_v, p) => <ProblemStateTag state={p.state} label={p.stateLabel} overdue={p.overdue} escalated={!!p.escalatedAt} /> },
            ...(editing ? [{ title: '', key: 'x', width: 70, render: (_v: unknown, p: Problem) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除问题 ${p.seq}`} onClick={() => del.mutate({ id: p.id, version: p.version }, { onError: (e) => void message.error(errorMessage(e)) })} /> }] : []),
          ]}
        />
      </Card>
      {editing && (
        <Card size="small" title="提交督察记录">
          <Form layout="vertical">
            <Form.Item label="督察日期" required>
              <DatePicker aria-label="督察日期" value={dayjs(visitedOn)} onChange={(x) => x && setVisitedOn(x.format('YYYY-MM-DD'))} disabledDate={(x) => x.isAfter(dayjs().endOf('day'))} />
            </Form.Item>
            <Form.Item label="督察情况" required>
              <Input.TextArea aria-label="督察情况" value={summary} onChange={(e) => setSummary(e.target.value)} autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount placeholder="督察方式（听取汇报、查阅资料、实地查看、个别访谈）和总体情况" />
            </Form.Item>
            {err && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={err} />}
            <Button type="primary" icon={<SendOutlined />} loading={record.isPending} onClick={submit}>提交督察记录{list.length ? `并下发问题清单（${list.length} 个问题）` : ''}</Button>
          </Form>
        </Card>
      )}
      {editing && <AddProblemModal visit={d} open={!!adding} presetKey={adding?.key} onClose={() => setAdding(null)} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>照片和材料按内容识别文件类型；问题在提交督察记录前仅督察人员可见。</Typography.Paragraph>
    </>
  );
}
