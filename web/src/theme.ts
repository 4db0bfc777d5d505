import type { ThemeConfig } from 'antd';

/** 政务风格：深红题头、沉稳蓝色主色、紧凑表格。 */
export const BRAND_RED = '#a8151b';
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fae',
    colorLink: '#1f5fae',
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
    fontSize: 14,
    colorBgLayout: '#f0f2f5',
  },
  components: {
    Layout: { headerBg: BRAND_RED, headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff' },
    Menu: { itemHeight: 40, subMenuItemBg: '#fafafa', itemSelectedBg: '#e8f0fb' },
    Table: { headerBg: '#f3f5f8', cellPaddingBlockMD: 10 },
    Card: { headerFontSize: 15 },
  },
};
