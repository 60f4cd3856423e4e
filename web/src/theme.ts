import type { ThemeConfig } from 'antd';

/** System fonts first: PingFang / YaHei on desktops, Noto / Source Han on Linux. */
export const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

export const BRAND_COLOR = '#1554ad';
export const HEADER_COLOR = '#0f3f82';

/** A sober, dense look: institutional blue, small radii, compact tables. */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: BRAND_COLOR,
    colorInfo: BRAND_COLOR,
    borderRadius: 4,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
    colorBgLayout: '#f2f4f7',
  },
  components: {
    Layout: { headerBg: HEADER_COLOR, headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff' },
    Menu: { itemBorderRadius: 2, itemMarginInline: 0, itemSelectedBg: '#e8f0fb' },
    Table: { headerBg: '#f5f7fa', cellPaddingBlock: 10 },
    Card: { headerFontSize: 15 },
  },
};
