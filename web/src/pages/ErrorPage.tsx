import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { errorMessage } from '../api/client.ts';

function describe(error: unknown): string {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  const msg = errorMessage(error);
  // a lazy chunk that vanished after a new deployment
  if (/dynamically imported module|Failed to fetch|Importing a module script failed/i.test(msg)) return '系统已更新，请刷新页面后继续。';
  return msg;
}

/** Shown when a page fails to load or render. */
export function ErrorPage({ error: given }: { error?: unknown }) {
  const routeError = useRouteError();
  const error = given ?? routeError;
  return (
    <Result
      status="error"
      title="页面加载失败"
      subTitle={describe(error)}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
