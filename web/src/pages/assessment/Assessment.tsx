import { useSearchParams } from 'react-router';
import { Result, Tabs } from 'antd';
import { useCurrentUser } from '../../api/auth.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { readsRegion } from '../../lib/perm.ts';
import { Campaigns } from './Campaigns.tsx';
import { Frameworks } from './Frameworks.tsx';

/** 考核: the campaigns, and (for the office, leaders and inspectors) the indicator frameworks. */
export default function Assessment() {
  const me = useCurrentUser();
  const [sp, setSp] = useSearchParams();
  const regionId = me.currentRegionId;
  if (!regionId) return <Result status="info" title="请先选择地区" />;
  const showFrameworks = readsRegion(me);
  const tab = showFrameworks && sp.get('tab') === 'frameworks' ? 'frameworks' : 'campaigns';
  return (
    <>
      <PageHeader title="考核" />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === 'frameworks' ? { tab: k } : {}, { replace: true })}
        items={[{ key: 'campaigns', label: '考核', children: <Campaigns regionId={regionId} /> }, ...(showFrameworks ? [{ key: 'frameworks', label: '指标体系', children: <Frameworks regionId={regionId} /> }] : [])]}
      />
    </>
  );
}
