import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import { isApiError, onUnauthenticated } from './api/client.ts';
import { meKey } from './api/auth.ts';
import { AppRouter } from './router.tsx';
import { theme } from './theme.ts';
import './styles.css';

dayjs.extend(relativeTime);
dayjs.locale('zh-cn');

const queryClient = new QueryClient({
  queryCache: new QueryCache(),
  mutationCache: new MutationCache(),
  defaultOptions: {
    queries: {
      retry: (count, err) => !(isApiError(err) && err.status > 0 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});

// A 401 anywhere means the session ended: forget the user; RequireAuth sends them to /login?next=…
onUnauthenticated(() => {
  if (queryClient.getQueryData(meKey)) queryClient.setQueryData(meKey, null);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} componentSize="middle">
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AppRouter />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
