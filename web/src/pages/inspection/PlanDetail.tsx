import { Link, useNavigate, useParams } from 'react-router';
import { Button, Card, Descriptions, Result, Space, Spin, Table, Typography } from 'antd';
import { EditOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import type { Visit } from '@shared/api/inspections.ts';
import { errorMessage } from '../../api/client.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { canPlanInspections, problemsDocxUrl, problemsXlsxUrl, useInspectionPlan } from '../../api/inspections.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { cnDate } from '../supervision/common.tsx';
import { VisitStateTag } from './common.tsx';

export default function PlanDetail() {
  const { id } = useParams();
  const me = useCurrentUser();
  const nav = useNavigate();
  const q = useInspectionPlan(id);
  if (q.isPending) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (q.error) return <Card><Result status="warning" title="无法打开该督察计划" subTitle={errorMessage(q.error)} extra={<Link to="/inspection/plans">返回督察计划</Link>} /></Card>;
  const p = q.data;
  return (
    <>
      <PageHeader
        title={p.title}
        extra={
          <Space>
            {p.problemCount > 0 && (
              <>
                <Button icon={<FileWordOutlined />} href={problemsDocxUrl({ regionId: p.regionId, inspectionId: p.id })} download title="各被督察单位的问题清单（GB/T 9704 版式，每个单位一份）">问题清单 Word</Button>
                <Button icon={<FileExcelOutlined />} href={problemsXlsxUrl({ regionId: p.regionId, inspectionId: p.id })} download>问题 Excel</Button>
              </>
            )}
            {canPlanInspections(me) && <Button icon={<EditOutlined />} onClick={() => void nav(`/inspection/plans/${p.id}/edit`)}>修改计划</Button>}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="年度">{p.year}年</Descriptions.Item>
          <Descriptions.Item label="督察时间">{cnDate(p.startsOn)} 至 {cnDate(p.endsOn)}</Descriptions.Item>
          <Descriptions.Item label="依据">{p.planTitle ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="进度">已督察 {p.recordedCount} / {p.unitCount} 个单位</Descriptions.Item>
          <Descriptions.Item label="问题">{p.problemCount} 个，未销号 {p.openProblemCount} 个</Descriptions.Item>
          <Descriptions.Item label="制定">{p.createdByName}</Descriptions.Item>
          {p.note && <Descriptions.Item label="说明" span={3}>{p.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title="被督察单位与督察清单">
        <Table<Visit>
          rowKey="id"
          size="small"
          bordered
          dataSource={p.visits}
          pagination={false}
          expandable={{
            expandedRowRender: (v) => (
              <ol style={{ margin: 0, paddingLeft: 20 }}>
                {v.checklist.map((c) => (
                  <li key={c.key} style={{ marginBottom: 4 }}>
                    <b>{c.number}</b> {c.text}
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>{c.chapter} · {c.check}</div>
                  </li>
                ))}
              </ol>
            ),
          }}
          columns={[
            { title: '单位', dataIndex: 'unitName', width: 180 },
            { title: '督察日期', dataIndex: 'scheduledOn', width: 110 },
            { title: '督察人员', key: 'i', width: 160, render: (_v, v) => v.inspectors.map((i) => i.name).join('、') },
            { title: '督察清单', key: 'c', render: (_v, v) => <Typography.Text>{v.checklist.length} 项：{v.checklist.map((c) => c.number).join('、')}</Typography.Text> },
            { title: '状态', key: 's', width: 90, render: (_v, v) => <VisitStateTag state={v.state} label={v.stateLabel} /> },
            {
              title: '问题清单',
              key: 'l',
              width: 240,
              render: (_v, v) =>
                v.listNumber ? (
                  <>
                    <Link to={`/inspection/problems?visitId=${v.id}`}>{v.listNumber}（{v.problemCount} 个，未销号 {v.openProblemCount}）</Link>{' '}
                    <Button type="link" size="small" icon={<FileWordOutlined />} href={problemsDocxUrl({ regionId: v.regionId, visitId: v.id })} download aria-label={`下载 ${v.unitName} 问题清单 Word`} />
                  </>
                ) : v.state === 'recorded' ? '未发现问题' : v.problemCount ? `已记录 ${v.problemCount} 个` : '—',
            },
            { title: '', key: 'a', width: 110, render: (_v, v) => <Link to={`/inspection/plans/visits/${v.id}`}>{v.state === 'planned' && v.canInspect ? '填写督察记录' : '查看记录'}</Link> },
          ]}
        />
      </Card>
    </>
  );
}
