import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Dropdown, Empty, Input, List, Modal, Row, Select, Space, Tabs, Tag, Timeline, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CommentOutlined, DeleteOutlined, FilePdfOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { ANNUAL_RECIPIENT_LABEL, ANNUAL_RECIPIENTS, type AnnualRecipient, type AnnualReport, type Block } from '@shared/api/annual-reports.ts';
import { annualDocxUrl, annualPdfUrl, useAnnualAction, useAnnualDiff, useAnnualReport } from '../../api/annual-reports.ts';
import { errorMessage, isStaleVersion } from '../../api/client.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { AnnualStateTag, MarkedText } from './common.tsx';
import { headingNumbers } from '@shared/annual-numbering.ts';

const hasMarker = (b: Block) => [b.text ?? '', ...(b.items ?? []), ...(b.rows ?? []).flat()].some((t) => t.includes('【待补充：'));
let seq = 0;
const newBlock = (type: Block['type']): Block => ({
  id: `u${Date.now().toString(36)}${(seq++).toString(36)}`,
  type,
  sources: [],
  ...(type === 'heading' ? { level: 2 as const, text: '' } : type === 'paragraph' ? { text: '' } : type === 'list' ? { items: [''] } : { rows: [['', ''], ['', '']] }),
});

function Sources({ b }: { b: Block }) {
  if (!b.sources.length) return null;
  const shown = b.sources.slice(0, 6);
  return (
    <div className="fz-sources" style={{ marginTop: 4 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>依据：</Typography.Text>
      {shown.map((s) => (
        <Tag key={`${s.kind}:${s.id}`} style={{ fontSize: 12 }}>
          <Link to={s.link}>{s.label}</Link>
        </Tag>
      ))}
      {b.sources.length > shown.length && <Typography.Text type="secondary" style={{ fontSize: 12 }}>等 {b.sources.length} 条记录</Typography.Text>}
    </div>
  );
}

/** One block, read-only (as laid out). */
function BlockView({ b, number }: { b: Block; number: string | null }) {
  if (b.type === 'heading')
    return (
      <div style={{ fontFamily: (b.level ?? 1) === 1 ? '黑体, SimHei, sans-serif' : '楷体, KaiTi, serif', fontSize: 17, fontWeight: (b.level ?? 1) === 1 ? 600 : 400, margin: '12px 0 4px' }}>
        {number}
        <MarkedText text={b.text ?? ''} />
      </div>
    );
  if (b.type === 'paragraph') return <p style={{ textIndent: '2em', lineHeight: 1.9, margin: '4px 0' }}><MarkedText text={b.text ?? ''} /></p>;
  if (b.type === 'list') return <ol style={{ lineHeight: 1.9 }}>{(b.items ?? []).map((it, i) => <li key={i}><MarkedText text={it} /></li>)}</ol>;
  return (
    <table className="fz-annual-table" style={{ borderCollapse: 'collapse', width: '100%', margin: '8px 0' }}>
      <tbody>
        {(b.rows ?? []).map((r, i) => (
          <tr key={i}>{r.map((c, j) => (i === 0 ? <th key={j} style={{ border: '1px solid #999', padding: 4 }}>{c}</th> : <td key={j} style={{ border: '1px solid #999', padding: 4 }}><MarkedText text={c} /></td>))}</tr>
        ))}
      </tbody>
    </table>
  );
}

/** One block in the editor. */
function BlockEdit({ b, number, onChange }: { b: Block; number: string | null; onChange: (b: Block) => void }) {
  if (b.type === 'heading')
    return (
      <Space.Compact style={{ width: '100%' }}>
        <Select aria-label="标题级别" value={b.level ?? 1} style={{ width: 130 }} onChange={(level) => onChange({ ...b, level })} options={[{ value: 1, label: '一级 一、' }, { value: 2, label: '二级 （一）' }]} />
        <Input aria-label="标题" addonBefore={number} value={b.text} onChange={(e) => onChange({ ...b, text: e.target.value })} style={{ fontWeight: 600 }} />
      </Space.Compact>
    );
  if (b.type === 'paragraph') return <Input.TextArea aria-label="段落" autoSize={{ minRows: 2 }} value={b.text} onChange={(e) => onChange({ ...b, text: e.target.value })} status={hasMarker(b) ? 'warning' : undefined} />;
  if (b.type === 'list')
    return (
      <>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>列表：每行一项，导出时自动编号</Typography.Text>
        <Input.TextArea aria-label="列表" autoSize={{ minRows: 2 }} value={(b.items ?? []).join('\n')} onChange={(e) => onChange({ ...b, items: e.target.value.split('\n') })} status={hasMarker(b) ? 'warning' : undefined} />
      </>
    );
  return (
    <>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>表格：每行一行，单元格之间用「|」分隔，第一行为表头</Typography.Text>
      <Input.TextArea aria-label="表格" autoSize={{ minRows: 3 }} value={(b.rows ?? []).map((r) => r.join(' | ')).join('\n')} onChange={(e) => onChange({ ...b, rows: e.target.value.split('\n').map((l) => l.split('|').map((c) => c.trim())) })} status={hasMarker(b) ? 'warning' : undefined} />
    </>
  );
}

function Diff({ report }: { report: AnnualReport }) {
  const nos = report.versions.map((v) => v.no);
  const [from, setFrom] = useState<number | null>(nos.length > 1 ? nos[nos.length - 2]! : null);
  const [to, setTo] = useState<number | null>(nos.length ? nos[nos.length - 1]! : null);
  const d = useAnnualDiff(report.id, from, to);
  const opts = report.versions.map((v) => ({ value: v.no, label: `第${v.no}版 ${v.actorName} ${fmtTime(v.createdAt)}${v.note ? `（${v.note}）` : ''}` }));
  const changed = (d.data?.changes ?? []).filter((c) => c.kind !== 'same');
  return (
    <>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select aria-label="比较的旧版本" value={from} onChange={setFrom} options={opts} style={{ width: '100%' }} />
        <Select aria-label="比较的新版本" value={to} onChange={setTo} options={opts} style={{ width: '100%' }} />
      </Space>
      {d.error && <Alert type="error" showIcon title={errorMessage(d.error)} />}
      {d.data && (
        <div style={{ marginTop: 8 }} className="fz-diff">
          {d.data.titleBefore !== d.data.titleAfter && <p>标题：<del style={{ background: '#fff1f0' }}>{d.data.titleBefore}</del> → <ins style={{ background: '#f6ffed' }}>{d.data.titleAfter}</ins></p>}
          {!changed.length && <Empty description="两个版本的正文相同" />}
          {changed.map((c) => (
            <Card key={`${c.kind}${c.blockId}`} size="small" style={{ marginBottom: 6 }} title={<Tag color={c.kind === 'added' ? 'green' : c.kind === 'removed' ? 'red' : 'blue'}>{c.kind === 'added' ? '新增' : c.kind === 'removed' ? '删除' : '修改'}</Tag>}>
              {c.parts.map((p, i) => (p.op === '=' ? <span key={i}>{p.text}</span> : p.op === '+' ? <ins key={i} style={{ background: '#d9f7be' }}>{p.text}</ins> : <del key={i} style={{ background: '#ffccc7' }}>{p.text}</del>))}
            </Card>
          ))}
        </div>
      )}
    </>
  );
}

export default function AnnualEditor() {
  const { id } = useParams();
  const q = useAnnualReport(id);
  const act = useAnnualAction(id ?? '');
  const { message, modal } = App.useApp();
  const r = q.data;
  const [title, setTitle] = useState('');
  const [blocks, setBlocks] = useState<Block[]>([]);
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [commentFor, setCommentFor] = useState<string | null | undefined>(undefined);
  const [commentText, setCommentText] = useState('');
  const [modalKind, setModalKind] = useState<null | 'submit' | 'publish' | 'revise' | 'return'>(null);
  const [recipients, setRecipients] = useState<AnnualRecipient[]>([]);
  const [note, setNote] = useState('');
  // the server's text replaces the editor's only when the editor has nothing unsaved
  useEffect(() => {
    if (r && !dirty) {
      setTitle(r.title);
      setBlocks(r.blocks);
      setRecipients(r.recipients);
    }
  }, [r, dirty]);
  const edit = !!r?.can.edit;
  const shown = edit ? blocks : (r?.blocks ?? []);
  const nums = useMemo(() => headingNumbers(shown), [shown]);
  if (q.error) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  if (!r) return <Card loading />;

  const change = (i: number, b: Block) => (setBlocks((xs) => xs.map((x, k) => (k === i ? b : x))), setDirty(true));
  const move = (i: number, d: -1 | 1) => (setBlocks((xs) => { const ys = [...xs]; const [b] = ys.splice(i, 1); ys.splice(i + d, 0, b!); return ys; }), setDirty(true));
  const remove = (i: number) => (setBlocks((xs) => xs.filter((_, k) => k !== i)), setDirty(true));
  const insert = (i: number, type: Block['type']) => (setBlocks((xs) => [...xs.slice(0, i + 1), newBlock(type), ...xs.slice(i + 1)]), setDirty(true));

  const save = (version = r.version) =>
    act.save.mutate(
      { version, title, blocks },
      {
        onSuccess: () => (setDirty(false), setConflict(false), void message.success('已保存为新版本')),
        onError: (e) => (isStaleVersion(e) ? setConflict(true) : void message.error(errorMessage(e))),
      },
    );
  const step = (action: Parameters<typeof act.step.mutate>[0]['action'], body: Record<string, unknown>, ok: string) =>
    act.step.mutate({ action, body: { version: r.version, ...body } }, { onSuccess: () => (setModalKind(null), setNote(''), setDirty(false), void message.success(ok)), onError: (e) => void modal.error({ title: '未能完成', content: errorMessage(e) }) });

  const comments = r.comments.filter((c) => !c.resolved);
  const blockComments = (bid: string) => comments.filter((c) => c.blockId === bid);
  const scrollTo = (bid: string) => document.getElementById(`block-${bid}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });

  return (
    <>
      <PageHeader
        title={<Space><span>{r.title}</span><AnnualStateTag state={r.state} label={r.stateLabel} /></Space>}
        extra={
          <>
            {edit && <Button type="primary" onClick={() => save()} loading={act.save.isPending} disabled={!dirty}>保存</Button>}
            {r.can.regenerate && <Button onClick={() => modal.confirm({ title: '按最新数据重新生成？', content: '当前文字将保留为历史版本，可在「版本」中查看和比较。', onOk: () => step('regenerate', {}, '已按最新数据重新生成') })} disabled={dirty}>重新生成</Button>}
            {r.can.sendToReview && <Button onClick={() => step('review', {}, '已提交审核')} disabled={dirty}>提交审核</Button>}
            {r.can.approve && <Button type="primary" onClick={() => step('approve', {}, '已审定')}>审定</Button>}
            {r.can.sendBack && <Button danger onClick={() => setModalKind('return')}>退回修改</Button>}
            {r.can.submit && <Button type="primary" onClick={() => setModalKind('submit')}>报送</Button>}
            {r.can.publish && <Button type="primary" onClick={() => setModalKind('publish')}>{r.publications ? '公开更正版' : '公开'}</Button>}
            {r.can.revise && <Button onClick={() => setModalKind('revise')}>启动更正</Button>}
            <Button icon={<FileWordOutlined />} href={annualDocxUrl(r.id)} download>Word</Button>
            <Button icon={<FilePdfOutlined />} href={annualPdfUrl(r.id)} download>PDF</Button>
            {r.publications > 0 && <Button href={`/portal/reports/${r.id}`} target="_blank">公开页面</Button>}
          </>
        }
      />
      <Descriptions size="small" column={4} style={{ marginBottom: 12 }} items={[
        { label: '主体', children: r.unitName ?? `${r.regionName}（本级）` },
        { label: '报送时限', children: r.submitDue },
        { label: '公开时限', children: r.publishDue },
        { label: '报送', children: r.submittedAt ? `${fmtTime(r.submittedAt)}（${r.recipients.map((x) => ANNUAL_RECIPIENT_LABEL[x]).join('、')}）` : '未报送' },
      ]} />
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="这份报告已被他人修改，您的修改没有保存，但仍保留在编辑器中。"
          description="可在「版本」中比较对方保存的内容；确认后，以您的内容在最新版本上保存，或放弃您的修改、载入最新内容。"
          action={
            <Space direction="vertical">
              <Button size="small" type="primary" onClick={() => void q.refetch().then((x) => x.data && save(x.data.version))}>以我的内容保存为新版本</Button>
              <Button size="small" onClick={() => (setDirty(false), setConflict(false), void q.refetch())}>放弃我的修改</Button>
            </Space>
          }
        />
      )}
      {r.markerList.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`还有 ${r.markerList.length} 处待补充的内容（平台数据中没有），补充后才能报送和公开`}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{r.markerList.map((m, i) => <li key={i}><a onClick={() => scrollTo(m.blockId)}>{m.heading}</a>：{m.text}</li>)}</ul>}
        />
      )}
      <Row gutter={12}>
        <Col span={16}>
          <Card>
            {edit ? <Input aria-label="报告标题" value={title} onChange={(e) => (setTitle(e.target.value), setDirty(true))} style={{ fontSize: 20, textAlign: 'center', marginBottom: 12 }} /> : <h2 style={{ textAlign: 'center', fontFamily: 'serif' }}>{r.title}</h2>}
            {shown.map((b, i) => (
              <div key={b.id} id={`block-${b.id}`} className="fz-block" style={{ padding: '4px 0', borderBottom: edit ? '1px dashed #f0f0f0' : undefined }}>
                {edit ? <BlockEdit b={b} number={nums[i] ?? null} onChange={(x) => change(i, x)} /> : <BlockView b={b} number={nums[i] ?? null} />}
                <Sources b={b} />
                {blockComments(b.id).map((c) => <Alert key={c.id} type="info" style={{ marginTop: 4, padding: '2px 8px' }} title={<><b>{c.authorName}</b>：{c.text}</>} />)}
                <Space size={0} style={{ marginTop: 2 }}>
                  {r.can.comment && <Tooltip title="对此段提意见"><Button size="small" type="text" icon={<CommentOutlined />} aria-label="对此段提意见" onClick={() => setCommentFor(b.id)} /></Tooltip>}
                  {edit && (
                    <>
                      <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label="上移" disabled={i === 0} onClick={() => move(i, -1)} />
                      <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label="下移" disabled={i === shown.length - 1} onClick={() => move(i, 1)} />
                      <Dropdown menu={{ items: [{ key: 'paragraph', label: '段落' }, { key: 'heading', label: '标题' }, { key: 'list', label: '列表' }, { key: 'table', label: '表格' }], onClick: (e) => insert(i, e.key as Block['type']) }}>
                        <Button size="small" type="text" icon={<PlusOutlined />} aria-label="在下方插入" />
                      </Dropdown>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除此段" onClick={() => remove(i)} />
                    </>
                  )}
                </Space>
              </div>
            ))}
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small">
            <Tabs
              items={[
                {
                  key: 'comments',
                  label: `意见（${comments.length}）`,
                  children: (
                    <>
                      {r.can.comment && <Button block icon={<CommentOutlined />} onClick={() => setCommentFor(null)} style={{ marginBottom: 8 }}>提出意见</Button>}
                      <List
                        size="small"
                        dataSource={r.comments}
                        locale={{ emptyText: '还没有意见' }}
                        renderItem={(c) => (
                          <List.Item actions={!c.resolved ? [<a key="r" onClick={() => act.resolve.mutate(c.id)}>已处理</a>] : []}>
                            <List.Item.Meta
                              title={<Space>{c.authorName}{c.resolved && <Tag>已处理</Tag>}{c.blockId && <a onClick={() => scrollTo(c.blockId!)}>定位</a>}</Space>}
                              description={<><div style={{ color: c.resolved ? '#999' : undefined }}>{c.text}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(c.createdAt)}</Typography.Text></>}
                            />
                          </List.Item>
                        )}
                      />
                    </>
                  ),
                },
                { key: 'events', label: '流程记录', children: <Timeline items={r.events.map((e) => ({ children: <><b>{e.label}</b> · {e.actorName}<br /><Typography.Text type="secondary">{fmtTime(e.createdAt)}</Typography.Text>{e.note && <div>{e.note}</div>}</> }))} /> },
                { key: 'versions', label: `版本（${r.versions.length}）`, children: <Diff report={r} /> },
                {
                  key: 'facts',
                  label: '数据',
                  children: (
                    <Descriptions size="small" column={1} items={[
                      { label: '任务', children: `${r.facts.tasks} 项（完成 ${r.facts.done}，长期坚持 ${r.facts.ongoing}，推进中 ${r.facts.inProgress}，滞后 ${r.facts.behind}，逾期 ${r.facts.overdue}）` },
                      { label: '进展报送', children: `${r.facts.reports} 份，通过 ${r.facts.accepted}，退回 ${r.facts.returned}` },
                      { label: '指标', children: `${r.facts.targets} 项，达到 ${r.facts.targetsMet}` },
                      { label: '督办', children: `未办结督办单 ${r.facts.openNotices}，警示 ${r.facts.warnings}` },
                      { label: '数据截至', children: r.facts.asOf },
                    ]} />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal open={commentFor !== undefined} title="提出意见" okText="提交" cancelText="取消" confirmLoading={act.comment.isPending} onCancel={() => setCommentFor(undefined)} onOk={() => act.comment.mutate({ blockId: commentFor ?? null, text: commentText }, { onSuccess: () => (setCommentFor(undefined), setCommentText('')), onError: (e) => void message.error(errorMessage(e)) })}>
        <Input.TextArea aria-label="意见" autoSize={{ minRows: 3 }} value={commentText} onChange={(e) => setCommentText(e.target.value)} />
      </Modal>
      <Modal open={modalKind === 'submit'} title="报送年度报告" okText="报送" cancelText="取消" confirmLoading={act.step.isPending} onCancel={() => setModalKind(null)} onOk={() => step('submit', { recipients, note: note || null }, '已报送')}>
        <Typography.Paragraph>报送时限：{r.submitDue}。请选择报送对象：</Typography.Paragraph>
        <Checkbox.Group aria-label="报送对象" value={recipients} onChange={(v) => setRecipients(v as AnnualRecipient[])} options={ANNUAL_RECIPIENTS.map((x) => ({ value: x, label: ANNUAL_RECIPIENT_LABEL[x] }))} />
        <Input.TextArea aria-label="报送说明" placeholder="说明（可选）" value={note} onChange={(e) => setNote(e.target.value)} style={{ marginTop: 12 }} />
      </Modal>
      <Modal open={modalKind === 'publish'} title={r.publications ? '公开更正版' : '在公开平台发布'} okText="公开" cancelText="取消" confirmLoading={act.step.isPending} onCancel={() => setModalKind(null)} onOk={() => step('publish', { correctionNote: note || null }, '已公开')}>
        <Typography.Paragraph>公开后，公众无需登录即可在 /portal/reports/{r.id} 查阅和下载；已公开的内容不能直接修改，更正须发布新的公开版本。</Typography.Paragraph>
        {r.publications > 0 && <Input.TextArea aria-label="更正说明" placeholder="更正说明（必填，将在公开页面显示）" value={note} onChange={(e) => setNote(e.target.value)} />}
      </Modal>
      <Modal open={modalKind === 'revise'} title="启动更正" okText="确定" cancelText="取消" confirmLoading={act.step.isPending} onCancel={() => setModalKind(null)} onOk={() => step('revise', { reason: note }, '报告已回到起草状态，原公开版本保持不变')}>
        <Input.TextArea aria-label="更正原因" placeholder="更正原因" value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
      <Modal open={modalKind === 'return'} title="退回修改" okText="退回" cancelText="取消" confirmLoading={act.step.isPending} onCancel={() => setModalKind(null)} onOk={() => step('return', { note }, '已退回')}>
        <Input.TextArea aria-label="退回原因" placeholder="退回原因" value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </>
  );
}
