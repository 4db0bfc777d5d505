import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Timeline, Typography } from 'antd';
import { CheckCircleOutlined, FileWordOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { errorMessage, isStaleVersion } from '../../api/client.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { useNotice, useNoticeAction } from '../../api/supervision.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { canDecide } from '../../lib/perm.ts';
import { NoticeStateTag } from './common.tsx';

type Act = 'reply' | 'return' | 'close';
const ACT: Record<Act, { title: string; label: string; ok: string; placeholder: string }> = {
  reply: { title: '反馈办理情况', label: '办理情况', ok: '提交反馈', placeholder: '写明整改措施、完成情况和时间安排' },
  return: { title: '退回重办', label: '退回原因', ok: '退回', placeholder: '如：整改措施不具体，请补充时间表' },
  close: { title: '销号', label: '销号意见', ok: '销号', placeholder: '如：经核查整改到位，同意销号' },
};

export default function NoticeDetail() {
  const { id } = useParams();
  const me = useCurrentUser();
  const n = useNotice(id);
  const act = useNoticeAction();
  const [doing, setDoing] = useState<Act | null>(null);
  const [form] = Form.useForm<{ text: string }>();
  const { message } = App.useApp();
  if (n.isPending) return <Spin />;
  if (n.error) return <Alert type="error" title={errorMessage(n.error)} />;
  const d = n.data;
  const mine = me.role === 'liaison' && me.unitId === d.unitId;
  const canReply = d.state === 'open' && (mine || canDecide(me));
  return (
    <>
      <PageHeader
        title={`督办单 ${d.number}`}
        extra={
          <Space>
            <Button icon={<FileWordOutlined />} href={`/api/supervision/notices/${d.id}/docx`} download>下载 Word</Button>
            {canReply && <Button type="primary" icon={<SendOutlined />} onClick={() => setDoing('reply')}>反馈办理情况</Button>}
            {canDecide(me) && d.state === 'replied' && <Button danger icon={<RollbackOutlined />} onClick={() => setDoing('return')}>退回重办</Button>}
            {canDecide(me) && d.state === 'replied' && <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setDoing('close')}>销号</Button>}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={2} bordered size="small" styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="状态"><NoticeStateTag state={d.state} label={d.stateLabel} overdue={d.overdue} /></Descriptions.Item>
          <Descriptions.Item label="反馈期限">{d.replyDue}</Descriptions.Item>
          <Descriptions.Item label="承办单位">{d.unitName}</Descriptions.Item>
          <Descriptions.Item label="签发">{d.issuerName}（{d.issuerOrg}） {fmtTime(d.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="督办事项" span={2}>
            {d.tasks.map((t) => (
              <div key={t.id}>
                <Link to={`/tasks/${t.id}`}>{t.number}</Link> <span className="fz-verbatim">{t.text}</span>
              </div>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label="存在问题" span={2}><span className="fz-verbatim" style={{ whiteSpace: 'pre-wrap' }}>{d.problem}</span></Descriptions.Item>
          <Descriptions.Item label="督办要求" span={2}><span className="fz-verbatim" style={{ whiteSpace: 'pre-wrap' }}>{d.requirement}</span></Descriptions.Item>
          <Descriptions.Item label="办理情况" span={2}>{d.reply ? <span className="fz-verbatim" style={{ whiteSpace: 'pre-wrap' }}>{d.reply}</span> : <Typography.Text type="secondary">尚未反馈</Typography.Text>}</Descriptions.Item>
          {d.closeNote && <Descriptions.Item label="销号意见" span={2}>{d.closeNote}（{fmtTime(d.closedAt)}）</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title="办理过程" size="small">
        <Timeline
          items={d.events.map((e) => ({
            color: e.action === 'close' ? 'green' : e.action === 'return' || e.action === 'escalate' ? 'red' : 'blue',
            content: (
              <>
                <b>{e.actionLabel}</b>　{e.actorName}　<Typography.Text type="secondary">{fmtTime(e.createdAt)}</Typography.Text>
                {e.text && <div className="fz-verbatim" style={{ whiteSpace: 'pre-wrap' }}>{e.text}</div>}
              </>
            ),
          }))}
        />
      </Card>
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
          act.mutate(
            { id: d.id, action: doing!, version: d.version, text: v.text.trim() },
            {
              onSuccess: () => (void message.success(`已${ACT[doing!].ok}`), setDoing(null)),
              onError: (e) => void message.error(isStaleVersion(e) ? '督办单已被他人处理，请刷新后再试' : errorMessage(e)),
            },
          );
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="text" label={doing ? ACT[doing].label : ''} rules={[{ required: true, whitespace: true, message: `请填写${doing ? ACT[doing].label : ''}` }]}>
            <Input.TextArea aria-label={doing ? ACT[doing].label : ''} autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} showCount placeholder={doing ? ACT[doing].placeholder : ''} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
