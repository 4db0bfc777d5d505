import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, TreeSelect } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { CreateUnitRequest, UnitFields, UpdateUnitRequest, type Unit } from '@shared/api/units.ts';
import { Name } from '@shared/api/common.ts';
import type { UnitKind } from '@shared/enums.ts';
import { api, errorMessage, isApiError, isStaleVersion } from '../../api/client.ts';
import { useAddAlias, useCreateUnit, useRemoveAlias, useUnits, useUpdateUnit } from '../../api/units.ts';
import { applyErrors, zodRule } from '../../lib/forms.ts';
import { AliasTags, KIND_OPTIONS } from './common.tsx';

interface Values {
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  parentId?: string | null;
  sortOrder?: number | null;
  liaisonName?: string | null;
  liaisonPhone?: string | null;
  liaisonEmail?: string | null;
  headName?: string | null;
}
const FIELDS = ['name', 'shortName', 'kind', 'parentId', 'sortOrder', 'liaisonName', 'liaisonPhone', 'liaisonEmail', 'headName', 'aliases'];
const AliasSchema = Name('别名', 100);

function toValues(u: Unit): Values {
  return {
    name: u.name,
    shortName: u.shortName,
    kind: u.kind,
    parentId: u.parentId,
    sortOrder: u.sortOrder,
    liaisonName: u.liaisonName,
    liaisonPhone: u.liaisonPhone,
    liaisonEmail: u.liaisonEmail,
    headName: u.headName,
  };
}

interface TreeNode {
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeNode[];
}

/** Units as a tree for the parent picker; the unit itself and its descendants cannot be its parent. */
function parentTree(units: Unit[], selfId: string | null): TreeNode[] {
  const nodes = new Map<string, TreeNode>(units.map((u) => [u.id, { value: u.id, title: u.name, children: [] }]));
  const roots: TreeNode[] = [];
  for (const u of units) {
    const n = nodes.get(u.id)!;
    const p = u.parentId ? nodes.get(u.parentId) : undefined;
    (p ? p.children : roots).push(n);
  }
  const disable = (n: TreeNode) => {
    n.disabled = true;
    n.children.forEach(disable);
  };
  if (selfId && nodes.get(selfId)) disable(nodes.get(selfId)!);
  return roots;
}

/** Add (unit = null) or edit a unit. Edits never overwrite someone else's save: a 409 asks to reload. */
export function UnitDrawer({ open, unit: given, regionId, onClose }: { open: boolean; unit: Unit | null; regionId: string; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [unit, setUnit] = useState<Unit | null>(given);
  const [newAliases, setNewAliases] = useState<string[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const all = useUnits(open ? { regionId, active: 'true' } : null);
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const addAlias = useAddAlias();
  const removeAlias = useRemoveAlias();
  const editing = !!given;

  useEffect(() => {
    if (!open) return;
    setUnit(given);
    setNewAliases([]);
    setConflict(null);
    setBanner(null);
    form.resetFields();
    form.setFieldsValue(given ? toValues(given) : { kind: 'gov', sortOrder: 0, parentId: null });
  }, [open, given, form]);

  const tree = useMemo(() => parentTree(all.data ?? [], given?.id ?? null), [all.data, given?.id]);

  const reload = async () => {
    if (!given) return;
    try {
      const fresh = await api.get<Unit>(`/api/units/${given.id}`);
      setUnit(fresh);
      form.setFieldsValue(toValues(fresh));
      setConflict(null);
      void qc.invalidateQueries({ queryKey: ['units'] });
      message.info('已载入最新内容，请重新修改');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const onError = (e: unknown) => {
    if (isStaleVersion(e) && editing) {
      setConflict(e.message);
      return;
    }
    const loose = applyErrors(form, e, FIELDS);
    const text = loose.length ? loose.join('；') : isApiError(e) && e.details.length ? null : errorMessage(e);
    if (text) setBanner(text);
  };

  const onFinish = (v: Values) => {
    setBanner(null);
    const { aliases: _ignored, ...rest } = v as Values & { aliases?: unknown };
    const fields = { ...rest, sortOrder: rest.sortOrder ?? 0, parentId: rest.parentId ?? null };
    if (!unit) {
      const parsed = CreateUnitRequest.safeParse({ ...fields, regionId, aliases: newAliases });
      if (!parsed.success) return void applyErrors(form, parsed.error, FIELDS);
      create.mutate(parsed.data, {
        onSuccess: (u) => {
          message.success(`已新增单位「${u.name}」`);
          onClose();
        },
        onError,
      });
    } else {
      const parsed = UpdateUnitRequest.safeParse({ ...fields, version: unit.version });
      if (!parsed.success) return void applyErrors(form, parsed.error, FIELDS);
      update.mutate(
        { id: unit.id, ...parsed.data },
        {
          onSuccess: (u) => {
            message.success(`已保存「${u.name}」`);
            onClose();
          },
          onError,
        },
      );
    }
  };

  const aliasTags = unit ? unit.aliases.map((a) => ({ key: a.id, label: a.alias })) : newAliases.map((a) => ({ key: a, label: a }));
  const validateAlias = (v: string) => {
    const r = AliasSchema.safeParse(v);
    if (!r.success) return r.error.issues[0]?.message ?? '别名不正确';
    if (v === form.getFieldValue('name')) return '别名不能与单位全称相同';
    return null;
  };

  const saving = create.isPending || update.isPending;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      title={editing ? `编辑单位：${given?.name ?? ''}` : '新增单位'}
      destroyOnHidden
      mask={{ closable: !saving }}
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} disabled={!!conflict} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      {conflict && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="保存冲突"
          description={conflict}
          action={
            <Button size="small" danger onClick={() => void reload()}>
              重新加载
            </Button>
          }
        />
      )}
      {banner && <Alert type="error" showIcon closable={{ onClose: () => setBanner(null) }} title={banner} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={!!conflict}>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label="单位全称" rules={[zodRule(UnitFields.shape.name, { required: true })]}>
              <Input placeholder="如：息烽县司法局" maxLength={100} showCount />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="shortName" label="简称" rules={[zodRule(UnitFields.shape.shortName)]}>
              <Input placeholder="如：县司法局" maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label="单位类别" rules={[zodRule(UnitFields.shape.kind, { required: true })]}>
              <Select options={KIND_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="parentId" label="上级单位" rules={[zodRule(UnitFields.shape.parentId)]}>
              <TreeSelect
                treeData={tree}
                allowClear
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder="无（顶级单位）"
                treeDefaultExpandAll
                loading={all.isLoading}
                styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sortOrder" label="排序号" tooltip="数字越小越靠前" rules={[zodRule(UnitFields.shape.sortOrder)]}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="headName" label="主要负责人" rules={[zodRule(UnitFields.shape.headName)]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="liaisonName" label="联络员" rules={[zodRule(UnitFields.shape.liaisonName)]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="liaisonPhone" label="联络员电话" rules={[zodRule(UnitFields.shape.liaisonPhone)]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="liaisonEmail" label="联络员邮箱" rules={[zodRule(UnitFields.shape.liaisonEmail)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              label="别名"
              name="aliases"
              tooltip="方案文件中对该单位的其他写法（如旧称、简称），用于自动识别责任单位"
              extra={editing ? '别名的添加与删除立即生效。' : undefined}
            >
              <AliasTags
                tags={aliasTags}
                disabled={!!conflict}
                validate={validateAlias}
                onAdd={async (alias) => {
                  if (!unit) {
                    setNewAliases((a) => [...a, alias]);
                    return true;
                  }
                  try {
                    const u = await addAlias.mutateAsync({ id: unit.id, alias });
                    setUnit((cur) => (cur ? { ...cur, aliases: u.aliases } : u));
                    message.success(`已添加别名「${alias}」`);
                    return true;
                  } catch (e) {
                    message.error(errorMessage(e));
                    return false;
                  }
                }}
                onRemove={(key) => {
                  if (!unit) return setNewAliases((a) => a.filter((x) => x !== key));
                  removeAlias.mutate(
                    { id: unit.id, aliasId: key },
                    {
                      onSuccess: (u) => setUnit((cur) => (cur ? { ...cur, aliases: u.aliases } : u)),
                      onError: (e) => message.error(errorMessage(e)),
                    },
                  );
                }}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
