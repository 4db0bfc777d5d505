import { Alert, App, Button, Form, Input } from 'antd';
import { ChangePasswordRequest, PASSWORD_RULE } from '@shared/api/auth.ts';
import { useChangePassword } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { applyErrors, zodRule } from '../../lib/forms.ts';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export function PasswordForm({ onDone, maxWidth = 420 }: { onDone?: () => void; maxWidth?: number | string }) {
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const { message } = App.useApp();
  const onFinish = (v: Values) => {
    const body = { oldPassword: v.oldPassword, newPassword: v.newPassword };
    const parsed = ChangePasswordRequest.safeParse(body);
    if (!parsed.success) return void applyErrors(form, parsed.error, ['oldPassword', 'newPassword']);
    change.mutate(parsed.data, {
      onSuccess: () => {
        message.success('密码已修改，其他设备上的登录已退出');
        form.resetFields();
        onDone?.();
      },
      onError: (e) => {
        const loose = applyErrors(form, e, ['oldPassword', 'newPassword']);
        if (loose.length || !('details' in (e as object))) message.error(loose[0] ?? errorMessage(e));
      },
    });
  };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth }} requiredMark>
      <Alert type="info" showIcon title={PASSWORD_RULE} style={{ marginBottom: 16 }} />
      <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label="新密码" rules={[zodRule(ChangePasswordRequest.shape.newPassword, { required: true })]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_, v) => {
              if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        确认修改
      </Button>
    </Form>
  );
}
