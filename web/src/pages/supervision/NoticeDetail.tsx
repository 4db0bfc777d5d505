import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Result, Row, Space, Spin, Steps, Timeline, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined, FileWordOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import type { NoticeDetail as NoticeDetailT } from '@shared/api/supervision.ts';
import { errorMessage, isStaleVersion } from '../../api/client.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { useNotice, useNoticeAction } from '../../api/supervision.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { canDecide } from '../../lib/perm.ts';
import { cnDate, NoticeStateTag } from './common.tsx';

type Act = 'reply' | 'return' | 'close';
const ACT: Record<Act, { title: string; label: string; ok: string; placeholder: string; max: number }> = {
  reply: { title: '反馈办理情况', label: '办理情况', ok: '提交反馈', placeholder: '写明整改措施、完成情况和时间安排', max: 5000 },
  return: { title: '退回重办', label: '退回原因', ok: '退回', placeholder: '如：整改措施不具体，请补充时间表', max: 1000 },
  close: { title: '销号', label: '销号意见', ok: '销号', placeholder: '如：经核查整改到位，同意销号', max: 1000 },
};
const EVENT_COLOR: Record<string, string> = { issue: 'blue', reply: 'blue', return: 'red', escalate: 'red', close: 'green' };

/** 签发 → 反馈 → 销号, with 退回 sending it back to 反馈. */
function Progress({ d }: { d: NoticeDetailT }) {
  const last = (a: string) => [...d.events].reverse().find((e) => e.action === a);
  const returned = d.state === 'open' && d.events.some((e) => e.action === 'return');
  const current = d.state === 'open' ? 1 : d.state === 'replied' ? 2 : 3;
  return (
    <Steps
      size="small"
      current={current}
      status={returned || (d.state === 'open' && d.overdue) ? 'error' : d.state === 'closed' ? 'finish' : 'process'}
      items={[
        { title: '签发', content: <span style={{ fontSize: 12 }}>{fmtTime(d.createdAt)}</span> },
        { title: returned ? '退回重办' : '承办单位反馈', content: <span style={{ fontSize: 12 }}>{d.state === 'open' ? `期限 ${d.replyDue}` : fmtTime(d.repliedAt)}</span> },
        { title: '依法治办审核', content: <span style={{ fontSize: 12 }}>{d.state === 'replied' ? '待审核' : d.state === 'closed' ? '已审核' : ''}</span> },
        { title: '销号', content: <span style={{ fontSize: 12 }}>{d.state === 'closed' ? fmtTime(last('close')?.createdAt ?? d.closedAt) : ''}</span> },
      ]}
    />
  );
}

export default function NoticeDetail() {
  const { id } = useParams();
  const me = useCurrentUser();
  const n = useNotice(id);
  const act = useNoticeAction();
  const [doing, setDoing] = useState<Act | null>(null);
  const [form] = Form.useForm<{ text: string }>();
  const [replyForm] = Form.useForm<{ reply: string }>();
  const { message } = App.useApp();
  if (n.isPending) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (n.error) return <Card><Result status="warning" title="无法打开该督办单" subTitle={errorMessage(n.error)} extra={<Link to="/supervision/notices">返回督办单列表</Link>} /></Card>;
  const d = n.data;
  const mine = me.role === 'liaison' && me.unit?.id === d.unitId;
  const office = canDecide(me);
  const lastReturn = d.state === 'open' ? [...d.events].reverse().find((e) => e.action === 'return') : undefined;
  const fail = (e: unknown) => void message.error(isStaleVersion(e) ? '督办单已被他人处理，请刷新后再试' : errorMessage(e));
  const run = (action: Act, text: string, done: () => void) =>
    act.mutate({ id: d.id, action, version: d.version, text: text.trim() }, { onSuccess: () => (void message.success(action === 'reply' ? '已提交反馈' : `已${ACT[action].ok}`), done()), onError: fail });

  return (
    <>
      <PageHeader
        title={`督办单 ${d.number}`}
        extra={
          <Space>
            <Button icon={<FileWordOutlined />} href={`/api/supervision/notices/${d.id}/docx`} download>下载 Word</Button>
            {office && !mine && d.state === 'open' && <Button icon={<EditOutlined />} onClick={() => setDoing('reply')}>代单位反馈</Button>}
            {office && d.state === 'replied' && <Button danger icon={<RollbackOutlined />} onClick={() => setDoing('return')}>退回重办</Button>}
            {office && d.state === 'replied' && <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setDoing('close')}>销号</Button>}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Progress d={d} />
      </Card>
      {d.overdue && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={`已超过反馈期限（${cnDate(d.replyDue)}）未反馈${d.escalatedAt ? '，已提请领导督促' : ''}`} />}
      {lastReturn && <Alert style={{ marginBottom: 12 }} type="warning" showIcon title={`反馈已被退回（${lastReturn.actorName}，${fmtTime(lastReturn.createdAt)}），请重新办理并反馈`} description={<span className="fz-verbatim">退回原因：{lastReturn.text}</span>} />}
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card size="small" title="督办内容" style={{ marginBottom: 12 }}>
            <Descriptions column={2} bordered size="small" styles={{ label: { width: 100, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label="状态"><NoticeStateTag state={d.state} label={d.stateLabel} overdue={d.overdue} escalated={!!d.escalatedAt} /></Descriptions.Item>
              <Descriptions.Item label="反馈期限">{cnDate(d.replyDue)}</Descriptions.Item>
              <Descriptions.Item label="承办单位">{d.unitName}</Descriptions.Item>
              <Descriptions.Item label="签发">{d.issuerName} · {fmtTime(d.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="签发机关" span={2}>{d.issuerOrg}</Descriptions.Item>
              <Descriptions.Item label="督办事项" span={2}>
                {d.tasks.map((t) => (
                  <div key={t.id} style={{ marginBottom: 4 }}>
                    <Link to={`/tasks/${t.id}`}>{t.number}</Link> <span className="fz-verbatim">{t.text}</span>
                  </div>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label="存在问题" span={2}><span className="fz-verbatim" style={{ whiteSpace: 'pre-wrap' }}>{d.problem}</span></Descriptions.Item>
              <Descriptions.Item label="督办要求" span={2}><span className="fz-verbatim" style={{ whiteSpace: 'pre-wrap' }}>{d.requirement}</span></Descriptions.Item>
              <Descriptions.Item label="办理情况" span={2}>
                {d.reply ? (
                  <>
                    <span className="fz-verbatim" style={{ whiteSpace: 'pre-wrap' }}>{d.reply}</span>
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>反馈于 {fmtTime(d.repliedAt)}</div>
                  </>
                ) : (
                  <Typography.Text type="secondary">尚未反馈</Typography.Text>
                )}
              </Descriptions.Item>
              {d.closeNote && <Descriptions.Item label="销号意见" span={2}>{d.closeNote}（{fmtTime(d.closedAt)}）</Descriptions.Item>}
            </Descriptions>
          </Card>
          {mine && d.state === 'open' && (
            <Card size="small" title="反馈办理情况" style={{ marginBottom: 12 }}>
              <Form form={replyForm} layout="vertical" onFinish={(v) => run('reply', v.reply, () => replyForm.resetFields())}>
                <Form.Item name="reply" label="办理情况" rules={[{ required: true, whitespace: true, message: '请填写办理情况' }]} initialValue={lastReturn ? d.reply ?? '' : ''}>
                  <Input.TextArea aria-label="办理情况" autoSize={{ minRows: 5, maxRows: 14 }} maxLength={5000} showCount placeholder="写明存在问题的原因、已采取的整改措施、完成情况和下一步时间安排" />
                </Form.Item>
                <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={act.isPending}>提交反馈</Button>
              </Form>
            </Card>
          )}
          {mine && d.state === 'replied' && <Alert style={{ marginBottom: 12 }} type="info" showIcon title="已反馈，等待依法治办审核销号" />}
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="办理过程">
            <Timeline
              items={d.events.map((e) => ({
                color: EVENT_COLOR[e.action] ?? 'gray',
                content: (
                  <>
                    <b>{e.actionLabel}</b>　{e.actorName}
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>{fmtTime(e.createdAt)}</div>
                    {e.text && <div className="fz-verbatim" style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{e.text}</div>}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={!!doing}
        title={doing ? ACT[doing].title : ''}
        okText={doing ? ACT[doing].ok : ''}
        okButtonProps={{ danger: doing === 'return' }}
        cancelText="取消"
        confirmLoading={act.isPending}
        destroyOnHidden
        onCancel={() => setDoing(null)}
        onOk={async () => {
          const v = await form.validateFields();
          run(doing!, v.text, () => setDoing(null));
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="text" label={doing ? ACT[doing].label : ''} rules={[{ required: true, whitespace: true, message: `请填写${doing ? ACT[doing].label : ''}` }]}>
            <Input.TextArea aria-label={doing ? ACT[doing].label : ''} autoSize={{ minRows: 4, maxRows: 10 }} maxLength={doing ? ACT[doing].max : 1000} showCount placeholder={doing ? ACT[doing].placeholder : ''} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
