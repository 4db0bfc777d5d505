import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Modal, Popconfirm, Result, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { CreateUserRequest, UpdateUserRequest, type User } from '@shared/api/users.ts';
import { ROLE_LABEL, ROLES, type Role } from '@shared/enums.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage, isApiError } from '../../api/client.ts';
import { useRegions } from '../../api/regions.ts';
import { useUnits } from '../../api/units.ts';
import { useCreateUser, useResetPassword, useUpdateUser, useUsers } from '../../api/users.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { applyErrors, blankToNull, zodRule } from '../../lib/forms.ts';
import { fmtTime } from '../../lib/format.ts';
import { canListUsers, canManageUser } from '../../lib/perm.ts';

const ROLE_COLOR: Record<Role, string> = { admin: 'red', office: 'volcano', liaison: 'blue', leader: 'gold', inspector: 'purple' };
const FIELDS = ['username', 'displayName', 'role', 'regionId', 'extraRegionIds', 'unitId', 'phone', 'email', 'active'];

interface Values {
  username?: string;
  displayName: string;
  role: Role;
  regionId?: string | null;
  extraRegionIds?: string[];
  unitId?: string | null;
  phone?: string | null;
  email?: string | null;
}

function TemporaryPassword({ title, username, password, onClose }: { title: string; username: string; password: string; onClose: () => void }) {
  return (
    <Modal open title={title} onCancel={onClose} footer={<Button type="primary" onClick={onClose}>我已记下</Button>} mask={{ closable: false }}>
      <Result
        status="success"
        style={{ padding: '8px 0' }}
        title={<span>账号 <Typography.Text code>{username}</Typography.Text> 的临时密码</span>}
        subTitle={
          <Typography.Text copyable={{ text: password, tooltips: ['复制', '已复制'] }} style={{ fontSize: 22, fontFamily: 'monospace', color: '#262626' }} aria-label="临时密码">
            {password}
          </Typography.Text>
        }
      />
      <Alert type="warning" showIcon title="临时密码只显示这一次，关闭后无法再次查看。请通过安全途径告知本人；首次登录时须修改密码。" />
    </Modal>
  );
}

function UserModal({ open, user, regionId, onClose, onCreated }: { open: boolean; user: User | null; regionId: string; onClose: () => void; onCreated: (u: User, pw: string | null) => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [banner, setBanner] = useState<string | null>(null);
  const create = useCreateUser();
  const update = useUpdateUser();
  const isAdmin = me.role === 'admin';
  const regions = useRegions(open && isAdmin);
  const chosenRegion = Form.useWatch('regionId', form) ?? regionId;
  const units = useUnits(open ? { regionId: chosenRegion ?? regionId, active: 'true' } : null);
  const role = Form.useWatch('role', form);

  const roleOptions = ROLES.filter((r) => isAdmin || (r !== 'admin' && r !== 'office')).map((r) => ({ value: r, label: ROLE_LABEL[r] }));
  const regionOptions = isAdmin ? (regions.data ?? []).map((r) => ({ value: r.id, label: r.fullName || r.name })) : me.regions.map((r) => ({ value: r.id, label: r.name }));

  useEffect(() => {
    if (!open) return;
    setBanner(null);
    form.resetFields();
    form.setFieldsValue(
      user
        ? { displayName: user.displayName, role: user.role, unitId: user.unitId, phone: user.phone, email: user.email, extraRegionIds: user.regionIds.filter((r) => r !== user.regionId) }
        : { role: 'liaison', regionId, extraRegionIds: [] },
    );
  }, [open, user, form, regionId]);

  const onError = (e: unknown) => {
    if (isApiError(e) && e.status === 409 && user) return setBanner(`${e.message}`);
    const loose = applyErrors(form, e, FIELDS);
    if (loose.length || !(isApiError(e) && e.details.length)) setBanner(loose.join('；') || errorMessage(e));
  };

  const onFinish = (raw: Values) => {
    setBanner(null);
    const v = blankToNull(raw);
    if (user) {
      const body = { version: user.version, displayName: v.displayName, role: v.role, unitId: v.unitId ?? null, phone: v.phone ?? null, email: v.email ?? null, ...(isAdmin ? { extraRegionIds: v.extraRegionIds ?? [] } : {}) };
      const parsed = UpdateUserRequest.safeParse(body);
      if (!parsed.success) return void applyErrors(form, parsed.error, FIELDS);
      update.mutate({ id: user.id, ...parsed.data }, { onSuccess: (u) => (message.success(`已保存「${u.displayName}」`), onClose()), onError });
    } else {
      const body = { username: v.username ?? '', displayName: v.displayName, role: v.role, regionId: v.regionId ?? regionId, extraRegionIds: v.extraRegionIds ?? [], unitId: v.unitId ?? null, phone: v.phone ?? null, email: v.email ?? null };
      const parsed = CreateUserRequest.safeParse(body);
      if (!parsed.success) return void applyErrors(form, parsed.error, FIELDS);
      create.mutate(parsed.data, { onSuccess: (r) => (onClose(), onCreated(r.user, r.temporaryPassword)), onError });
    }
  };

  return (
    <Modal
      open={open}
      width={680}
      title={user ? `编辑账号：${user.username}` : '新建账号'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={user ? '保存' : '创建'}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Row gutter={16}>
          <Col span={12}>
            {user ? (
              <Form.Item label="用户名" extra="用户名创建后不能修改">
                <Input value={user.username} disabled />
              </Form.Item>
            ) : (
              <Form.Item name="username" label="用户名" rules={[zodRule(CreateUserRequest.shape.username, { required: true })]} extra="登录时使用，如 xifeng.sfj">
                <Input autoComplete="off" maxLength={64} />
              </Form.Item>
            )}
          </Col>
          <Col span={12}>
            <Form.Item name="displayName" label="姓名" rules={[zodRule(CreateUserRequest.shape.displayName, { required: true })]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
              <Select options={roleOptions} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {user ? (
              <Form.Item label="所属地区">
                <Input value={regionOptions.find((o) => o.value === user.regionId)?.label ?? me.regions.find((r) => r.id === user.regionId)?.name ?? '—'} disabled />
              </Form.Item>
            ) : (
              <Form.Item name="regionId" label="所属地区" rules={[{ required: role !== 'admin', message: '请选择地区' }]}>
                <Select options={regionOptions} disabled={!isAdmin} loading={regions.isLoading} onChange={() => form.setFieldValue('unitId', null)} />
              </Form.Item>
            )}
          </Col>
          <Col span={24}>
            <Form.Item name="unitId" label="所属单位" rules={[{ required: role === 'liaison', message: '单位联络员必须选择所属单位' }]}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="选择单位" loading={units.isLoading} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          </Col>
          {isAdmin && (
            <Col span={24}>
              <Form.Item name="extraRegionIds" label="可访问的其他地区" extra="如市级督察人员需查看多个县">
                <Select mode="multiple" allowClear options={regionOptions} loading={regions.isLoading} />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="phone" label="电话" rules={[zodRule(CreateUserRequest.shape.phone)]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="email" label="邮箱" rules={[zodRule(CreateUserRequest.shape.email), { type: 'email', message: '邮箱格式不正确' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        {!user && <Alert type="info" showIcon title="创建后系统生成临时密码并只显示一次，用户首次登录须修改密码。" />}
      </Form>
    </Modal>
  );
}

export default function Users() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  const { message, modal } = App.useApp();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);
  const [shown, setShown] = useState<{ title: string; username: string; password: string } | null>(null);
  const users = useUsers({ regionId, q: q || undefined, role }, canListUsers(me));
  const update = useUpdateUser();
  const reset = useResetPassword();

  if (!canListUsers(me)) return <Card><Result status="403" title="无权访问" subTitle="用户账号由依法治县办和系统管理员维护。" /></Card>;
  if (!regionId) return <Card><Empty description="请先选择地区" /></Card>;

  const setActive = (u: User, active: boolean) =>
    update.mutateAsync({ id: u.id, version: u.version, active }).then(
      () => void message.success(active ? `已启用「${u.displayName}」` : `已停用「${u.displayName}」，其登录已失效`),
      (e: unknown) => void message.error(errorMessage(e)),
    );

  const resetPassword = (u: User) =>
    modal.confirm({
      title: `重置「${u.displayName}」的密码？`,
      content: '将生成新的临时密码，原密码立即失效，该用户须用临时密码登录后重新设置。',
      okText: '重置',
      cancelText: '取消',
      onOk: () =>
        reset.mutateAsync(u.id).then(
          (r) => setShown({ title: '密码已重置', username: u.username, password: r.temporaryPassword }),
          (e: unknown) => void message.error(errorMessage(e)),
        ),
    });

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', width: 160, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: '姓名', dataIndex: 'displayName', width: 120 },
    { title: '角色', dataIndex: 'role', width: 110, render: (r: Role) => <Tag color={ROLE_COLOR[r]}>{ROLE_LABEL[r]}</Tag> },
    { title: '所属单位', dataIndex: 'unitName', render: (v: string | null) => v ?? <span style={{ color: '#bfbfbf' }}>—</span> },
    { title: '电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      key: 'status',
      width: 140,
      render: (_v, u) => (
        <Space size={2}>
          {u.active ? <Tag color="success">在用</Tag> : <Tag color="default">已停用</Tag>}
          {u.active && u.mustChangePassword && <Tag color="warning">待改密</Tag>}
        </Space>
      ),
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => (v ? fmtTime(v) : <span style={{ color: '#bfbfbf' }}>从未登录</span>) },
    {
      title: '操作',
      key: 'op',
      width: 190,
      render: (_v, u) =>
        canManageUser(me, u) && u.id !== me.id ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing({ user: u })}>编辑</Button>
            <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => resetPassword(u)}>重置密码</Button>
            <Popconfirm
              title={u.active ? `停用账号「${u.username}」？` : `启用账号「${u.username}」？`}
              description={u.active ? '停用后该账号立即退出登录且不能再登录。' : undefined}
              okText={u.active ? '停用' : '启用'}
              cancelText="取消"
              onConfirm={() => setActive(u, !u.active)}
            >
              <Button type="link" size="small" danger={u.active}>{u.active ? '停用' : '启用'}</Button>
            </Popconfirm>
          </Space>
        ) : (
          <span style={{ color: '#bfbfbf' }}>{u.id === me.id ? '当前账号' : '无权操作'}</span>
        ),
    },
  ];

  return (
    <>
      <PageHeader title="用户账号" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })}>新建账号</Button>} />
      <Card>
        <div className="fz-toolbar">
          <Input.Search placeholder="按用户名或姓名搜索" allowClear enterButton="查询" style={{ width: 300 }} onSearch={(v) => setQ(v.trim())} aria-label="搜索用户" />
          <Select placeholder="全部角色" allowClear style={{ width: 140 }} value={role} onChange={setRole} options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} aria-label="角色" />
          <span style={{ color: '#8c8c8c' }}>共 {users.data?.length ?? 0} 个账号</span>
        </div>
        {users.error && <Alert type="error" showIcon title={errorMessage(users.error)} style={{ marginBottom: 12 }} />}
        <Table<User>
          rowKey="id"
          size="middle"
          bordered
          loading={users.isFetching}
          columns={columns}
          dataSource={users.data ?? []}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条` }}
          scroll={{ x: 1100 }}
        />
      </Card>
      <UserModal
        open={!!editing}
        user={editing?.user ?? null}
        regionId={regionId}
        onClose={() => setEditing(null)}
        onCreated={(u, pw) => {
          message.success(`已创建账号「${u.username}」`);
          if (pw) setShown({ title: '账号已创建', username: u.username, password: pw });
        }}
      />
      {shown && <TemporaryPassword {...shown} onClose={() => setShown(null)} />}
    </>
  );
}
