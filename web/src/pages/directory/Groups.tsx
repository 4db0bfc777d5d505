import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Form, Input, Modal, Popconfirm, Popover, Radio, Row, Select, Space, Spin, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { CreateGroupRequest, UpdateGroupRequest, type Group } from '@shared/api/units.ts';
import { Name } from '@shared/api/common.ts';
import { UNIT_KIND_LABEL, type GroupMode, type UnitKind } from '@shared/enums.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage, isApiError } from '../../api/client.ts';
import { useCreateGroup, useDeleteGroup, useGroupPreview, useGroups, useUpdateGroup, type GroupMember } from '../../api/groups.ts';
import { useUnits } from '../../api/units.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { applyErrors, zodRule } from '../../lib/forms.ts';
import { canManageDirectory } from '../../lib/perm.ts';
import { useDebounced } from '../../lib/useDebounced.ts';
import { KIND_OPTIONS, KindTag } from './common.tsx';

const MODE_LABEL: Record<GroupMode, string> = { rule: '按类别', explicit: '指定成员' };
const FIELDS = ['name', 'description', 'mode', 'ruleKinds', 'memberIds'];

interface Values {
  name: string;
  description?: string | null;
  mode: GroupMode;
  ruleKinds?: UnitKind[];
  memberIds?: string[];
}

function MemberList({ members, max = 200 }: { members: GroupMember[]; max?: number }) {
  if (!members.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无成员单位" />;
  return (
    <Space size={[4, 6]} wrap>
      {members.slice(0, max).map((m) => (
        <Tag key={m.id} color="blue" variant="outlined" style={{ marginInlineEnd: 0 }}>
          {m.name}
        </Tag>
      ))}
      {members.length > max && <span style={{ color: '#8c8c8c' }}>等 {members.length} 个</span>}
    </Space>
  );
}

function GroupModal({ open, group, regionId, onClose }: { open: boolean; group: Group | null; regionId: string; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [banner, setBanner] = useState<string | null>(null);
  const create = useCreateGroup();
  const update = useUpdateGroup();
  const units = useUnits(open ? { regionId, active: 'true' } : null);
  const mode = Form.useWatch('mode', form) ?? 'rule';
  const ruleKinds = Form.useWatch('ruleKinds', form);
  const memberIds = Form.useWatch('memberIds', form);

  useEffect(() => {
    if (!open) return;
    setBanner(null);
    form.resetFields();
    form.setFieldsValue(
      group
        ? { name: group.name, description: group.description, mode: group.mode, ruleKinds: group.ruleKinds, memberIds: group.mode === 'explicit' ? group.members.map((m) => m.id) : [] }
        : { mode: 'rule', ruleKinds: [], memberIds: [] },
    );
  }, [open, group, form]);

  const def = useDebounced(
    useMemo(() => (open ? { regionId, mode, ruleKinds: mode === 'rule' ? (ruleKinds ?? []) : [], memberIds: mode === 'explicit' ? (memberIds ?? []) : [] } : null), [open, regionId, mode, ruleKinds, memberIds]),
    250,
  );
  const empty = !def || (def.mode === 'rule' ? def.ruleKinds.length === 0 : def.memberIds.length === 0);
  const preview = useGroupPreview(empty ? null : def);

  const onFinish = (v: Values) => {
    setBanner(null);
    const base = { name: v.name, description: v.description ?? null, mode: v.mode, ruleKinds: v.mode === 'rule' ? (v.ruleKinds ?? []) : [], memberIds: v.mode === 'explicit' ? (v.memberIds ?? []) : [] };
    const onError = (e: unknown) => {
      if (isApiError(e) && e.status === 409 && group) return setBanner(`${e.message}（请关闭后刷新列表再修改）`);
      const loose = applyErrors(form, e, FIELDS);
      if (loose.length || !(isApiError(e) && e.details.length)) setBanner(loose.join('；') || errorMessage(e));
    };
    if (group) {
      const parsed = UpdateGroupRequest.safeParse({ ...base, version: group.version });
      if (!parsed.success) return void applyErrors(form, parsed.error, FIELDS);
      if (base.mode === 'rule' && base.ruleKinds.length === 0) return void form.setFields([{ name: 'ruleKinds', errors: ['按类别定义的分组至少选择一个单位类别'] }]);
      update.mutate({ id: group.id, ...parsed.data }, { onSuccess: (g) => (message.success(`已保存分组「${g.name}」`), onClose()), onError });
    } else {
      const parsed = CreateGroupRequest.safeParse({ ...base, regionId });
      if (!parsed.success) return void applyErrors(form, parsed.error, FIELDS);
      create.mutate(parsed.data, { onSuccess: (g) => (message.success(`已新建分组「${g.name}」`), onClose()), onError });
    }
  };

  return (
    <Modal
      open={open}
      width={960}
      title={group ? `编辑分组：${group.name}` : '新建单位分组'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
      <Row gutter={20}>
        <Col span={13}>
          <Form form={form} layout="vertical" onFinish={onFinish}>
            <Form.Item name="name" label="分组名称" rules={[zodRule(Name('分组名称'), { required: true })]} extra="方案中出现该名称时（如“各乡镇”），将自动识别为本组全部成员单位。">
              <Input placeholder="如：各乡镇（街道）" maxLength={100} />
            </Form.Item>
            <Form.Item name="description" label="说明">
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Form.Item name="mode" label="定义方式" required>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'rule', label: '按类别（自动包含该类别全部单位）' },
                  { value: 'explicit', label: '指定成员' },
                ]}
              />
            </Form.Item>
            {mode === 'rule' ? (
              <Form.Item name="ruleKinds" label="包含的单位类别" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个单位类别' }]}>
                <Checkbox.Group options={KIND_OPTIONS} />
              </Form.Item>
            ) : (
              <Form.Item name="memberIds" label="成员单位" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个成员单位' }]}>
                <Select
                  mode="multiple"
                  placeholder="搜索并选择单位"
                  loading={units.isLoading}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                  maxTagCount={30}
                  aria-label="成员单位"
                />
              </Form.Item>
            )}
          </Form>
        </Col>
        <Col span={11}>
          <Card
            size="small"
            title={
              <span>
                <TeamOutlined /> 成员预览 {!empty && preview.data && <Tag color="blue" style={{ marginLeft: 6 }}>{preview.data.length} 个单位</Tag>}
              </span>
            }
            extra={preview.isFetching && <Spin size="small" />}
            styles={{ body: { maxHeight: 420, overflow: 'auto', minHeight: 200 } }}
          >
            {empty ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={mode === 'rule' ? '选择单位类别后显示成员' : '选择成员单位后显示'} />
            ) : preview.error ? (
              <Alert type="error" showIcon title={errorMessage(preview.error)} />
            ) : (
              <MemberList members={preview.data ?? []} />
            )}
          </Card>
        </Col>
      </Row>
    </Modal>
  );
}

export default function Groups() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  const canWrite = canManageDirectory(me);
  const { message } = App.useApp();
  const groups = useGroups(regionId);
  const del = useDeleteGroup();
  const [editing, setEditing] = useState<{ group: Group | null } | null>(null);

  const columns: TableColumnsType<Group> = [
    { title: '序号', key: 'idx', width: 60, align: 'center', render: (_v, _r, i) => i + 1 },
    { title: '分组名称', dataIndex: 'name', render: (v: string) => <span className="fz-verbatim" style={{ fontWeight: 500 }}>{v}</span> },
    { title: '定义方式', dataIndex: 'mode', width: 100, render: (m: GroupMode) => <Tag color={m === 'rule' ? 'cyan' : 'purple'}>{MODE_LABEL[m]}</Tag> },
    {
      title: '规则',
      key: 'rule',
      render: (_v, g) => (g.mode === 'rule' ? <Space size={[2, 4]} wrap>{g.ruleKinds.map((k) => <KindTag key={k} kind={k} />)}</Space> : <span style={{ color: '#8c8c8c' }}>手工指定</span>),
    },
    {
      title: '成员数',
      key: 'count',
      width: 100,
      align: 'center',
      render: (_v, g) => (
        <Popover title={`${g.name}（${g.members.length}）`} content={<div style={{ maxWidth: 420 }}><MemberList members={g.members} max={60} /></div>}>
          <a>{g.members.length}</a>
        </Popover>
      ),
    },
    { title: '说明', dataIndex: 'description', render: (v: string | null) => v ?? <span style={{ color: '#bfbfbf' }}>—</span> },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'op',
            width: 130,
            render: (_v: unknown, g: Group) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ group: g })}>编辑</Button>
                <Popconfirm
                  title={`删除分组「${g.name}」？`}
                  description="只删除分组定义，不影响其中的单位。"
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() =>
                    del.mutateAsync(g.id).then(
                      () => void message.success('已删除'),
                      (e: unknown) => void message.error(errorMessage(e)),
                    )
                  }
                >
                  <Button type="link" size="small" danger>删除</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  if (!regionId) return <Card><Empty description="您的账号尚未分配地区，请联系管理员" /></Card>;

  return (
    <>
      <PageHeader title="单位分组" extra={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ group: null })}>新建分组</Button>} />
      <Card>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`分组用于方案中“各乡镇（街道）”“县直各部门”等集合性表述。按类别的分组自动包含该类别的全部在用单位（如${UNIT_KIND_LABEL.township}）。`}
        />
        {groups.error && <Alert type="error" showIcon title={errorMessage(groups.error)} style={{ marginBottom: 12 }} />}
        <Table<Group> rowKey="id" size="middle" bordered loading={groups.isLoading} columns={columns} dataSource={groups.data ?? []} pagination={false} />
      </Card>
      {canWrite && <GroupModal open={!!editing} group={editing?.group ?? null} regionId={regionId} onClose={() => setEditing(null)} />}
    </>
  );
}
