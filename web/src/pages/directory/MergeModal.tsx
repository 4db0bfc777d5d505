import { useMemo, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Modal, Select, Space, Steps, Tag } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { Unit } from '@shared/api/units.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { useGroups } from '../../api/groups.ts';
import { useMergeUnits, useUnits } from '../../api/units.ts';
import { useUsers } from '../../api/users.ts';
import { canListUsers } from '../../lib/perm.ts';

const unitOption = (u: Unit) => ({ value: u.id, label: u.active ? u.name : `${u.name}（已停用）` });
const filterOption = (input: string, opt?: { label: string }) => !!opt && opt.label.toLowerCase().includes(input.trim().toLowerCase());

/** Merge two units: pick the one that goes away and the survivor, then confirm what moves. */
export function MergeModal({ open, regionId, onClose, initialSourceId }: { open: boolean; regionId: string; onClose: () => void; initialSourceId?: string }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  const [sourceId, setSourceId] = useState<string | undefined>(initialSourceId);
  const [targetId, setTargetId] = useState<string | undefined>();
  const units = useUnits(open ? { regionId, active: 'all' } : null);
  const groups = useGroups(open ? regionId : null);
  const users = useUsers({ regionId }, open && canListUsers(me));
  const merge = useMergeUnits();

  const live = useMemo(() => (units.data ?? []).filter((u) => !u.mergedIntoId), [units.data]);
  const source = live.find((u) => u.id === sourceId);
  const target = live.find((u) => u.id === targetId);

  const moves = useMemo(() => {
    if (!source || !target) return null;
    const names = [source.name, source.shortName].filter(
      (n): n is string => !!n && n !== target.name && !target.aliases.some((a) => a.alias === n) && !source.aliases.some((a) => a.alias === n),
    );
    return {
      aliases: source.aliases.map((a) => a.alias),
      names: Array.from(new Set(names)),
      children: live.filter((u) => u.parentId === source.id),
      groups: (groups.data ?? []).filter((g) => g.mode === 'explicit' && g.members.some((m) => m.id === source.id)),
      users: (users.data ?? []).filter((u) => u.unitId === source.id),
    };
  }, [source, target, live, groups.data, users.data]);

  const close = () => {
    setStep(0);
    setSourceId(undefined);
    setTargetId(undefined);
    onClose();
  };

  const confirm = () => {
    if (!sourceId || !targetId) return;
    merge.mutate(
      { sourceId, targetId },
      {
        onSuccess: (u) => {
          message.success(`已将「${source?.name ?? ''}」合并到「${u.name}」`);
          close();
        },
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  };

  const list = (items: string[]) => (items.length ? <Space size={[4, 4]} wrap>{items.map((i) => <Tag key={i}>{i}</Tag>)}</Space> : <span style={{ color: '#8c8c8c' }}>无</span>);

  return (
    <Modal
      open={open}
      title="合并单位"
      width={720}
      onCancel={close}
      destroyOnHidden
      footer={
        step === 0 ? (
          <Space>
            <Button onClick={close}>取消</Button>
            <Button type="primary" disabled={!source || !target || source.id === target.id} onClick={() => setStep(1)}>
              下一步：确认
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={() => setStep(0)} disabled={merge.isPending}>
              上一步
            </Button>
            <Button type="primary" danger loading={merge.isPending} onClick={confirm}>
              确认合并
            </Button>
          </Space>
        )
      }
    >
      <Steps size="small" current={step} items={[{ title: '选择单位' }, { title: '确认移动内容' }]} style={{ margin: '8px 0 20px' }} />
      {step === 0 ? (
        <Form layout="vertical">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="用于同一单位重复录入、机构改革合并等情况。被合并单位的名称、别名、下级单位、分组成员身份和账号都将转到保留单位，被合并单位标记为“已合并”并停用。"
          />
          <Form.Item label="被合并单位（将停用）" required>
            <Select
              showSearch={{ filterOption }}
              placeholder="选择要合并掉的单位"
              value={sourceId}
              onChange={setSourceId}
              loading={units.isLoading}
              options={live.map(unitOption)}
              aria-label="被合并单位"
            />
          </Form.Item>
          <Form.Item
            label="保留单位"
            required
            validateStatus={sourceId && sourceId === targetId ? 'error' : undefined}
            help={sourceId && sourceId === targetId ? '不能把单位合并到它自己' : undefined}
          >
            <Select
              showSearch={{ filterOption }}
              placeholder="选择合并后保留的单位"
              value={targetId}
              onChange={setTargetId}
              loading={units.isLoading}
              options={live.filter((u) => u.active && u.id !== sourceId).map(unitOption)}
              aria-label="保留单位"
            />
          </Form.Item>
        </Form>
      ) : (
        source &&
        target &&
        moves && (
          <>
            <div style={{ display: 'flex', alignItems: 'center', gap: 12, justifyContent: 'center', fontSize: 16, marginBottom: 16 }}>
              <Tag color="red" style={{ fontSize: 15, padding: '4px 10px' }}>{source.name}</Tag>
              <ArrowRightOutlined />
              <Tag color="green" style={{ fontSize: 15, padding: '4px 10px' }}>{target.name}</Tag>
            </div>
            <Descriptions bordered size="small" column={1} styles={{ label: { width: 180 } }}>
              <Descriptions.Item label="转为保留单位的别名">{list(moves.names)}</Descriptions.Item>
              <Descriptions.Item label="移动的别名">{list(moves.aliases)}</Descriptions.Item>
              <Descriptions.Item label="移动的下级单位">{list(moves.children.map((c) => c.name))}</Descriptions.Item>
              <Descriptions.Item label="分组成员身份">{list(moves.groups.map((g) => g.name))}</Descriptions.Item>
              {canListUsers(me) && <Descriptions.Item label="转移的账号">{list(moves.users.map((u) => `${u.displayName}（${u.username}）`))}</Descriptions.Item>}
              <Descriptions.Item label="被合并单位">标记为“已合并到 {target.name}”，停用且不能再启用；历史记录保持不变</Descriptions.Item>
            </Descriptions>
            <Alert type="warning" showIcon style={{ marginTop: 16 }} title="合并后不能撤销，请确认无误。" />
          </>
        )
      )}
    </Modal>
  );
}
