import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Result, Row, Space, Spin, Steps, Tag, Timeline, Typography, Upload } from 'antd';
import { CheckCircleOutlined, InboxOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import type { ProblemDetail as ProblemDetailT } from '@shared/api/inspections.ts';
import type { Evidence } from '@shared/api/reports.ts';
import { errorMessage, isStaleVersion } from '../../api/client.ts';
import { useProblem, useProblemAction } from '../../api/inspections.ts';
import { useUploadEvidence } from '../../api/reports.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { cnDate } from '../supervision/common.tsx';
import { FileList, ProblemStateTag } from './common.tsx';

const EVENT_COLOR: Record<string, string> = { issue: 'blue', rectify: 'blue', return: 'red', escalate: 'red', close: 'green' };

/** 列入问题清单 → 单位整改 → 督察核查 → 销号, with 退回 sending it back to 整改. */
function Progress({ d }: { d: ProblemDetailT }) {
  const returned = d.state === 'open' && d.events.some((e) => e.action === 'return');
  const current = d.state === 'draft' ? 0 : d.state === 'open' ? 1 : d.state === 'submitted' ? 2 : 3;
  return (
    <Steps
      size="small"
      current={current}
      status={returned || d.overdue ? 'error' : d.state === 'closed' ? 'finish' : 'process'}
      items={[
        { title: '列入问题清单', content: <span style={{ fontSize: 12 }}>{fmtTime(d.events[0]?.createdAt ?? d.createdAt)}</span> },
        { title: returned ? '退回重新整改' : '单位整改', content: <span style={{ fontSize: 12 }}>{d.state === 'open' ? `期限 ${d.deadline}` : d.rectifiedOn ?? ''}</span> },
        { title: '督察核查', content: <span style={{ fontSize: 12 }}>{d.state === 'submitted' ? '待核查' : d.state === 'closed' ? '已核查' : ''}</span> },
        { title: '销号', content: <span style={{ fontSize: 12 }}>{d.closedOn ?? ''}</span> },
      ]}
    />
  );
}

export default function ProblemDetail() {
  const { id } = useParams();
  const q = useProblem(id);
  const act = useProblemAction();
  const upload = useUploadEvidence();
  const { message } = App.useApp();
  const [files, setFiles] = useState<Evidence[]>([]);
  const [text, setText] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [doing, setDoing] = useState<'return' | 'close' | null>(null);
  const [form] = Form.useForm<{ text: string }>();
  if (q.isPending) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (q.error) return <Card><Result status="warning" title="无法打开该问题" subTitle={errorMessage(q.error)} extra={<Link to="/inspection/problems">返回问题清单</Link>} /></Card>;
  const d = q.data;
  const fail = (e: unknown) => setErr(isStaleVersion(e) ? '该问题已被他人处理，请刷新后再试' : errorMessage(e));
  const rectify = () => {
    setErr(null);
    if (!text.trim()) return setErr('请填写整改情况');
    if (!files.length) return setErr('整改报告须附整改佐证材料（照片、文件等），请上传后再提交');
    act.mutate({ id: d.id, action: 'rectify', version: d.version, text: text.trim(), uploadIds: files.map((f) => f.uploadId) }, { onSuccess: () => (void message.success('已提交整改报告'), setText(''), setFiles([])), onError: fail });
  };
  const lastReturn = d.state === 'open' ? [...d.events].reverse().find((e) => e.action === 'return') : undefined;
  return (
    <>
      <PageHeader
        title={`督察问题 ${d.number}`}
        extra={
          d.canInspect && d.state === 'submitted' && (
            <Space>
              <Button danger icon={<RollbackOutlined />} onClick={() => setDoing('return')}>退回重新整改</Button>
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setDoing('close')}>核查销号</Button>
            </Space>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}><Progress d={d} /></Card>
      {d.overdue && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={`已超过整改期限（${cnDate(d.deadline)}）未提交整改报告${d.escalatedAt ? '，已提请领导督促' : ''}`} />}
      {lastReturn && <Alert style={{ marginBottom: 12 }} type="warning" showIcon title={`整改报告已被退回（${lastReturn.actorName}，${fmtTime(lastReturn.createdAt)}），请重新整改`} description={`退回原因：${lastReturn.text}`} />}
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card size="small" title="督察发现" style={{ marginBottom: 12 }}>
            <Descriptions column={2} bordered size="small" styles={{ label: { width: 100, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label="状态"><ProblemStateTag state={d.state} label={d.stateLabel} overdue={d.overdue} escalated={!!d.escalatedAt} /></Descriptions.Item>
              <Descriptions.Item label="整改期限">{cnDate(d.deadline)}</Descriptions.Item>
              <Descriptions.Item label="单位">{d.unitName}</Descriptions.Item>
              <Descriptions.Item label="督察"><Link to={`/inspection/plans/visits/${d.visitId}`}>{d.inspectionTitle}</Link></Descriptions.Item>
              {d.taskNumber && <Descriptions.Item label="相关任务" span={2}><Link to={`/tasks/${d.taskId}`}>{d.taskNumber}</Link> {d.taskText}</Descriptions.Item>}
              <Descriptions.Item label="问题" span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{d.description}</span></Descriptions.Item>
              {d.evidenceNote && <Descriptions.Item label="证据" span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{d.evidenceNote}</span></Descriptions.Item>}
              <Descriptions.Item label="现场照片" span={2}><FileList files={d.findingFiles} /></Descriptions.Item>
              <Descriptions.Item label="整改要求" span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{d.requirement}</span></Descriptions.Item>
            </Descriptions>
          </Card>
          {d.rectification && (
            <Card size="small" title="整改报告" style={{ marginBottom: 12 }}>
              <Descriptions column={1} bordered size="small" styles={{ label: { width: 100, whiteSpace: 'nowrap' } }}>
                <Descriptions.Item label="整改情况"><span style={{ whiteSpace: 'pre-wrap' }}>{d.rectification}</span></Descriptions.Item>
                <Descriptions.Item label="佐证材料"><FileList files={d.rectificationFiles} /></Descriptions.Item>
                <Descriptions.Item label="提交">{d.rectifiedByName ?? '—'}{d.rectifiedOn ? ` · ${cnDate(d.rectifiedOn)}` : ''}</Descriptions.Item>
                {d.closeNote && <Descriptions.Item label="核查意见">{d.closeNote}（{d.closedByName}，{cnDate(d.closedOn)}）</Descriptions.Item>}
              </Descriptions>
            </Card>
          )}
          {d.canRectify && (
            <Card size="small" title="提交整改报告" style={{ marginBottom: 12 }}>
              <Form layout="vertical">
                <Form.Item label="整改情况" required>
                  <Input.TextArea aria-label="整改情况" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount placeholder="写明针对问题采取的整改措施、完成情况和长效机制" />
                </Form.Item>
                <Form.Item label={`整改佐证材料（${files.length}）`} required>
                  <Upload.Dragger
                    multiple
                    showUploadList={false}
                    accept=".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.gif,.webp,.zip"
                    customRequest={({ file, onSuccess, onError }) =>
                      upload.mutate({ unitId: d.unitId, file: file as File }, { onSuccess: (ev) => (setFiles((fs) => (fs.some((x) => x.uploadId === ev.uploadId) ? fs : [...fs, ev])), onSuccess?.(ev)), onError: (e) => (setErr(`${(file as File).name}：${errorMessage(e)}`), onError?.(e as Error)) })
                    }
                    aria-label="上传整改佐证材料"
                  >
                    <p className="ant-upload-drag-icon" style={{ marginBottom: 4 }}><InboxOutlined /></p>
                    <p className="ant-upload-text" style={{ fontSize: 14 }}>点击或将整改佐证材料拖到此处上传</p>
                    <p className="ant-upload-hint" style={{ fontSize: 12 }}>整改前后对比照片、制度文件、会议纪要等；至少一份</p>
                  </Upload.Dragger>
                  <div style={{ marginTop: 8 }}>
                    {files.map((f) => <Tag key={f.uploadId} closable onClose={() => setFiles((fs) => fs.filter((x) => x.uploadId !== f.uploadId))}>{f.fileName}</Tag>)}
                  </div>
                </Form.Item>
                {err && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={err} />}
                <Button type="primary" icon={<SendOutlined />} loading={act.isPending} onClick={rectify}>提交整改报告</Button>
              </Form>
            </Card>
          )}
          {d.state === 'submitted' && !d.canInspect && <Alert style={{ marginBottom: 12 }} type="info" showIcon title="整改报告已提交，等待督察人员核查销号" />}
          {!d.canRectify && err && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={err} />}
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="整改过程">
            <Timeline
              items={d.events.map((e) => ({
                color: EVENT_COLOR[e.action] ?? 'gray',
                content: (
                  <>
                    <b>{e.actionLabel}</b>　{e.actorName}
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>{fmtTime(e.createdAt)}</div>
                    {e.text && <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{e.text}</div>}
                  </>
                ),
              }))}
            />
            {!d.events.length && <Typography.Text type="secondary">督察记录提交后列入问题清单</Typography.Text>}
          </Card>
        </Col>
      </Row>
      <Modal
        open={!!doing}
        title={doing === 'return' ? '退回重新整改' : '核查销号'}
        okText={doing === 'return' ? '退回' : '销号'}
        okButtonProps={{ danger: doing === 'return' }}
        cancelText="取消"
        confirmLoading={act.isPending}
        destroyOnHidden
        onCancel={() => setDoing(null)}
        onOk={async () => {
          const v = await form.validateFields();
          act.mutate({ id: d.id, action: doing!, version: d.version, text: v.text.trim() }, { onSuccess: () => (void message.success(doing === 'return' ? '已退回' : '已销号'), setDoing(null)), onError: (e) => (fail(e), setDoing(null)) });
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="text" label={doing === 'return' ? '退回原因' : '核查意见'} rules={[{ required: true, whitespace: true, message: doing === 'return' ? '请填写退回原因' : '请填写核查意见' }]}>
            <Input.TextArea aria-label={doing === 'return' ? '退回原因' : '核查意见'} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount placeholder={doing === 'return' ? '如：网站未见公布内容，请补充截图' : '如：经实地核查，整改到位，予以销号'} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
