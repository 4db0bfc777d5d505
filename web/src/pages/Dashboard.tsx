import { Link } from 'react-router';
import { Alert, Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { ApartmentOutlined, ClusterOutlined, TeamOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Role } from '@shared/enums.ts';
import { useCurrentUser } from '../api/auth.ts';
import { useGroups } from '../api/groups.ts';
import { useRegions } from '../api/regions.ts';
import { useUnits } from '../api/units.ts';
import { useUsers } from '../api/users.ts';
import { NAV } from '../layout/nav.tsx';
import { canListUsers } from '../lib/perm.ts';
import { useRegionName } from '../lib/region.ts';

const ROLE_INTRO: Record<Role, string> = {
  admin: '您负责维护地区、账号与系统配置，可查看全部地区的操作日志。',
  office: '您负责本县方案导入、任务分解、单位名录维护、报送审核与督办。',
  liaison: '您负责本单位承担任务的进展报送与佐证材料上传。',
  leader: '您可查看全县法治政府建设任务推进情况与统计分析。',
  inspector: '您负责督察检查、考核评分与结果通报。',
};

function greeting(): string {
  const h = dayjs().hour();
  return h < 6 ? '凌晨好' : h < 12 ? '上午好' : h < 14 ? '中午好' : h < 18 ? '下午好' : '晚上好';
}

export default function Dashboard() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  const regionName = useRegionName();
  const units = useUnits(regionId ? { regionId, active: 'true' } : null);
  const groups = useGroups(regionId);
  const users = useUsers({ regionId }, canListUsers(me));
  const regions = useRegions(me.regions.length > 1);
  const level = regions.data?.find((r) => r.id === regionId)?.level;

  const shortcuts = NAV.flatMap((n) =>
    n.children
      ? n.children.filter((c) => !c.visible || c.visible(me)).map((c) => ({ path: c.path, label: `${n.label} · ${c.label}`, icon: n.icon, planned: false }))
      : n.path && n.path !== '/'
        ? [{ path: n.path, label: n.label, icon: n.icon, planned: !!n.planned }]
        : [],
  );

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {me.displayName}，{greeting()}！
        </Typography.Title>
        <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap', color: '#595959' }}>
          <span>
            角色：<Tag color="blue">{me.roleLabel}</Tag>
          </span>
          <span>当前地区：{regionName}</span>
          {me.unit && <span>所属单位：{me.unit.name}</span>}
          <span>今天是 {dayjs().format('YYYY年M月D日 dddd')}</span>
        </div>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {ROLE_INTRO[me.role]}
        </Typography.Paragraph>
      </Card>

      {level && level !== 'county' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`当前地区「${regionName}」不是县级地区。单位名录、方案与任务按县（市、区）管理，请点击右上角的地区名称切换到具体的县。`}
        />
      )}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={8}>
          <Card className="fz-stat-card">
            <Link to="/units">
              <Statistic title="在用单位" value={units.data?.length ?? '-'} loading={units.isLoading} prefix={<ApartmentOutlined />} suffix="个" />
            </Link>
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card className="fz-stat-card">
            <Link to="/groups">
              <Statistic title="单位分组" value={groups.data?.length ?? '-'} loading={groups.isLoading} prefix={<ClusterOutlined />} suffix="个" />
            </Link>
          </Card>
        </Col>
        {canListUsers(me) && (
          <Col xs={24} sm={8}>
            <Card className="fz-stat-card">
              <Link to="/users">
                <Statistic title="用户账号" value={users.data?.length ?? '-'} loading={users.isLoading} prefix={<TeamOutlined />} suffix="个" />
              </Link>
            </Card>
          </Col>
        )}
      </Row>

      <Card title="功能导航">
        <Row gutter={[12, 12]}>
          {shortcuts.map((s) => (
            <Col key={s.path} xs={12} sm={8} md={6} xl={4}>
              <Link to={s.path}>
                <Card size="small" hoverable styles={{ body: { display: 'flex', alignItems: 'center', gap: 8, justifyContent: 'space-between' } }}>
                  <span style={{ color: '#262626' }}>
                    <span style={{ color: '#1f5fae', marginRight: 8 }}>{s.icon}</span>
                    {s.label}
                  </span>
                  {s.planned && <Tag color="orange" style={{ marginInlineEnd: 0 }}>建设中</Tag>}
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </>
  );
}
